import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { expect } from 'vitest';
import { type SandboxClock, systemClock } from '../../../clock.js';
import { type EdgeServer, startEdge } from '../../../edge/server.js';
import { createSqsService, type SqsServiceBehindEdge } from '../service.js';

export interface SqsHarness {
  readonly edge: EdgeServer;
  readonly service: SqsServiceBehindEdge;
  readonly sqs: SQSClient;
  /** POSTs a form-encoded query-protocol request and returns status and XML text. */
  query(parameters: Record<string, string>): Promise<{ status: number; xml: string }>;
  /** POSTs `body` as it is with these headers; answers status, content type and text. */
  post(body: string, headers: Record<string, string>): Promise<RawAnswer>;
  close(): Promise<void>;
}

export interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** Headers of a form-encoded query-protocol request. */
export const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

/** Headers of a JSON-protocol request for `action`. */
export const jsonHeaders = (action: string) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': `AmazonSQS.${action}`,
});

/** An edge endpoint with only the SQS service, and a real SDK v3 client pointed at it. */
export async function startSqs(clock: SandboxClock = systemClock): Promise<SqsHarness> {
  let endpoint = '';
  const service = createSqsService({ clock, endpoint: () => endpoint });
  const edge = await startEdge([service]);
  endpoint = edge.endpoint;
  const sqs = new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return {
    edge,
    service,
    sqs,
    async query(parameters) {
      const response = await fetch(`${endpoint}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams({ Version: '2012-11-05', ...parameters }).toString(),
      });
      return { status: response.status, xml: await response.text() };
    },
    async post(body, headers) {
      const response = await fetch(`${endpoint}/`, { method: 'POST', headers, body });
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        text: await response.text(),
      };
    },
    async close() {
      sqs.destroy();
      await service.close();
      await edge.close();
    },
  };
}

/** Text of every `<tag>` element in an XML answer, in document order. */
export function xmlValues(xml: string, tag: string): string[] {
  const pattern = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g');
  return [...xml.matchAll(pattern)].map((match) => decodeXml(match[1] ?? ''));
}

function decodeXml(text: string): string {
  return text
    .replace(/&#xD;/g, '\r')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** For `.then(unexpectedSuccess, (error) => error)`: a call that should fail but succeeded. */
export function unexpectedSuccess(): never {
  throw new Error('expected the call to fail, but it succeeded');
}

let servingCheck = 0;

/**
 * Fails unless the sandbox still serves a normal round trip after a hostile request: a new queue,
 * a send, and a receive of that same body at once (so no delay or attribute leaked in).
 */
export async function expectServing(harness: SqsHarness): Promise<void> {
  servingCheck += 1;
  const { QueueUrl } = await harness.sqs.send(
    new CreateQueueCommand({ QueueName: `still-serving-${servingCheck}` }),
  );
  await harness.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'still serving' }));
  const { Messages = [] } = await harness.sqs.send(
    new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }),
  );
  expect(Messages.map((message) => message.Body)).toEqual(['still serving']);
}
