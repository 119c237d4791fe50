import { request } from 'node:http';
import {
  CreateQueueCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { sdkClients } from './support/clients.js';

let sandbox: Sandbox;
let clients: ReturnType<typeof sdkClients>;

beforeAll(async () => {
  sandbox = await startSandbox({ dynamodb: false });
  clients = sdkClients(sandbox);
});
afterAll(() => sandbox?.stop());

const MiB = 1_048_576;
/** Far more than any limit: an upload the sandbox answers long before it is all sent. */
const UPLOAD_CEILING = 64 * MiB;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Bytes the client had written when the answer came. */
  sentBytes: number;
}

/**
 * Uploads `fill` repeated until the server answers (or the ceiling is reached), honouring
 * back-pressure, so that a server which waits for the whole body shows up as `sentBytes` at the
 * ceiling. `declaredLength` sends a Content-Length instead of chunked encoding.
 */
function upload(headers: Record<string, string>, declaredLength?: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const outgoing = request(
      `${sandbox.endpoint}/`,
      {
        method: 'POST',
        headers: {
          ...headers,
          ...(declaredLength !== undefined && { 'content-length': String(declaredLength) }),
        },
      },
      (incoming) => {
        answered = true;
        let body = '';
        incoming.on('data', (part) => {
          body += part;
        });
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body, sentBytes }),
        );
      },
    );
    // Writes fail once the server closes the refused connection; the answer is what counts.
    outgoing.on('error', (error) => {
      if (!answered) reject(error);
    });
    const limit = declaredLength ?? UPLOAD_CEILING;
    const pump = () => {
      while (!answered && sentBytes < Math.min(limit, UPLOAD_CEILING)) {
        sentBytes += chunk.length;
        if (!outgoing.write(chunk)) {
          outgoing.once('drain', pump);
          return;
        }
      }
      if (!answered && declaredLength === undefined) outgoing.end();
    };
    pump();
  });
}

const sqsJson = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'AmazonSQS.SendMessage',
};
const sqsQuery = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const events = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'AWSEvents.PutEvents',
};

describe('bodies over the service limit', () => {
  it('answers an SQS JSON body declared at 600 MB with 413 RequestEntityTooLarge at once', async () => {
    const answer = await upload(sqsJson, 600_000_000);
    expect(answer.status).toBe(413);
    expect(answer.headers['x-amzn-query-error']).toBe('RequestEntityTooLarge;Sender');
    expect(JSON.parse(answer.body)).toMatchObject({
      __type: 'com.amazonaws.sqs#RequestEntityTooLarge',
    });
    expect(answer.sentBytes).toBeLessThan(UPLOAD_CEILING);
  });

  it('stops reading a chunked SQS query body past its limit and answers in XML', async () => {
    const answer = await upload(sqsQuery);
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toBe('text/xml');
    expect(answer.body).toContain('<Code>RequestEntityTooLarge</Code>');
    expect(answer.body).toContain('<Type>Sender</Type>');
    expect(answer.sentBytes).toBeLessThan(UPLOAD_CEILING);
  });

  it('stops reading a chunked PutEvents body past 1 MiB', async () => {
    const answer = await upload(events);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      __type: 'RequestEntityTooLarge',
      message: "The request body is larger than EventBridge's 1048576-byte request limit.",
    });
    expect(answer.sentBytes).toBeLessThan(UPLOAD_CEILING);
  });

  it('answers a body no service claims with 413 once it passes 1 MiB', async () => {
    const answer = await upload({ 'content-type': 'text/plain' });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ __type: 'RequestEntityTooLarge' });
  });

  it('keeps serving after refusing', async () => {
    await upload(sqsJson);
    const { QueueUrls } = await clients.sqs.send(new ListQueuesCommand({}));
    expect(QueueUrls ?? []).toEqual(expect.any(Array));
  });
});

describe('bodies within the limit once encoded', () => {
  it('takes a PutEvents body over 256 KiB when its escaped Detail is within the entry limit', async () => {
    // 120,000 quotes: the entry is ~240 KB, its JSON request ~480 KB.
    const detail = JSON.stringify({ text: '"'.repeat(120_000) });
    const body = JSON.stringify({
      Entries: [{ Source: 'app', DetailType: 'big', Detail: detail }],
    });
    expect(Buffer.byteLength(body)).toBeGreaterThan(262_144);
    const response = await fetch(`${sandbox.endpoint}/`, { method: 'POST', headers: events, body });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ FailedEntryCount: 0 });
  });

  it('takes a 1,000,000-byte SQS message whose JSON request is twice that', async () => {
    const { QueueUrl } = await clients.sqs.send(
      new CreateQueueCommand({
        QueueName: 'large-messages',
        Attributes: { MaximumMessageSize: '1048576' },
      }),
    );
    const text = '"'.repeat(1_000_000);
    await clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: text }));
    const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(Messages.map((message) => message.Body?.length)).toEqual([1_000_000]);
  });
});
