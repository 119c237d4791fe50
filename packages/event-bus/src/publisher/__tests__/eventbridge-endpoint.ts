import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

/** A PutEvents entry as it arrives on the wire (JSON 1.1). */
export interface WireEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Time?: number;
  Resources?: string[];
}

/** What the endpoint answers for one entry: accept it, or fail it with a code. */
export type EntryAnswer = { accept: true } | { errorCode: string; errorMessage?: string };

/** Decides one entry's fate; `call` counts how often this entry's event id was seen (1-based). */
export type Responder = (entry: WireEntry, call: number) => EntryAnswer;

export interface PutEventsEndpoint {
  readonly endpoint: string;
  /** Every PutEvents request body received, in order. */
  readonly requests: { Entries: WireEntry[] }[];
  /** An SDK client pointed at this endpoint, without SDK-level retries. */
  client(): EventBridgeClient;
  close(): Promise<void>;
}

/**
 * A local HTTP server that speaks EventBridge's JSON 1.1 protocol for `AWSEvents.PutEvents`:
 * it answers with per-entry results inside a 200 response, as the real service does.
 */
export async function startPutEventsEndpoint(
  responder: Responder = () => ({ accept: true }),
  options: {
    requestError?: (requestNumber: number) => { status: number; type: string } | undefined;
  } = {},
): Promise<PutEventsEndpoint> {
  const requests: { Entries: WireEntry[] }[] = [];
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = req.headers['x-amz-target'];
    if (target !== 'AWSEvents.PutEvents') {
      reply(res, 400, { __type: 'UnknownOperationException', message: `unsupported ${target}` });
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries: WireEntry[] };
    requests.push(body);
    const failure = options.requestError?.(requests.length);
    if (failure) {
      reply(res, failure.status, { __type: failure.type, message: 'request rejected' });
      return;
    }
    let failedCount = 0;
    const entries = body.Entries.map((entry) => {
      const key = entry.Detail ?? '';
      const call = (seen.get(key) ?? 0) + 1;
      seen.set(key, call);
      const answer = responder(entry, call);
      if ('accept' in answer) return { EventId: randomUUID() };
      failedCount++;
      return { ErrorCode: answer.errorCode, ErrorMessage: answer.errorMessage ?? answer.errorCode };
    });
    reply(res, 200, { FailedEntryCount: failedCount, Entries: entries });
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    requests,
    client: () =>
      new EventBridgeClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  res.end(JSON.stringify(body));
}
