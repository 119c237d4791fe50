import { SQSClient } from '@aws-sdk/client-sqs';
import { type SandboxClock, systemClock } from '../../../clock.js';
import { type EdgeServer, startEdge } from '../../../edge/server.js';
import { createSqsService, type SqsService } from '../index.js';

export interface SqsHarness {
  readonly edge: EdgeServer;
  readonly service: SqsService;
  readonly sqs: SQSClient;
  /** POSTs a form-encoded query-protocol request and returns status and XML text. */
  query(parameters: Record<string, string>): Promise<{ status: number; xml: string }>;
  close(): Promise<void>;
}

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
