import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { sdkClients } from './support/clients.js';
import { createQueue } from './support/queues.js';

// Many real SDK clients against one sandbox on loopback: nothing may be lost and nothing may
// arrive twice. Counts are fixed and every loop has a deadline, so the file always ends.

let sandbox: Sandbox;
let clients: ReturnType<typeof sdkClients>;

beforeAll(async () => {
  sandbox = await startSandbox({ dynamodb: false });
  clients = sdkClients(sandbox);
});
afterAll(() => sandbox?.stop());

/** Every id seen, with how many times it was received. */
class Tally {
  readonly seen = new Map<string, number>();
  add(id: string) {
    this.seen.set(id, (this.seen.get(id) ?? 0) + 1);
  }
  duplicates(): string[] {
    return [...this.seen].filter(([, times]) => times > 1).map(([id]) => id);
  }
}

/**
 * Receives and deletes until `expected` distinct ids arrived or the deadline passes. The visibility
 * timeout is far longer than the run, so a message received twice means the queue handed it out twice.
 */
async function consume(
  sqs: SQSClient,
  queueUrl: string,
  tally: Tally,
  expected: number,
  deadline: number,
  idOf: (body: string) => string,
): Promise<void> {
  while (tally.seen.size < expected && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 600,
      }),
    );
    if (Messages.length === 0) continue;
    for (const message of Messages) tally.add(idOf(message.Body ?? ''));
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
    expect(deleted.Failed ?? []).toEqual([]);
  }
}

async function queueDepth(sqs: SQSClient, queueUrl: string) {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return {
    visible: Attributes.ApproximateNumberOfMessages,
    inFlight: Attributes.ApproximateNumberOfMessagesNotVisible,
  };
}

describe('under load', () => {
  it('50 producers and 20 consumers move 20,000 SQS messages: none lost, none twice', async () => {
    const producers = 50;
    const batchesPerProducer = 40; // x 10 messages per batch
    const total = producers * batchesPerProducer * 10;
    expect(total).toBe(20_000);
    const { url } = await createQueue(clients.sqs, 'load-sqs');
    const deadline = Date.now() + 100_000;
    const tally = new Tally();

    const produce = async (producer: number) => {
      for (let batch = 0; batch < batchesPerProducer; batch += 1) {
        const result = await clients.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: Array.from({ length: 10 }, (_, index) => ({
              Id: String(index),
              MessageBody: `${producer}:${batch}:${index}`,
            })),
          }),
        );
        expect(result.Failed ?? []).toEqual([]);
        expect(result.Successful).toHaveLength(10);
      }
    };
    await Promise.all([
      ...Array.from({ length: producers }, (_, producer) => produce(producer)),
      ...Array.from({ length: 20 }, () =>
        consume(clients.sqs, url, tally, total, deadline, (body) => body),
      ),
    ]);

    expect(tally.duplicates()).toEqual([]);
    expect(tally.seen.size).toBe(20_000);
    expect(tally.seen.has('49:39:9')).toBe(true);
    expect(await queueDepth(clients.sqs, url)).toEqual({ visible: '0', inFlight: '0' });
  }, 120_000);

  it('10,000 events go PutEvents → rule → queue, each exactly once', async () => {
    const { url, arn } = await createQueue(clients.sqs, 'load-events');
    await clients.events.send(
      new PutRuleCommand({ Name: 'load', EventPattern: JSON.stringify({ source: ['load'] }) }),
    );
    await clients.events.send(
      new PutTargetsCommand({ Rule: 'load', Targets: [{ Id: 'queue', Arn: arn }] }),
    );
    // Events the rule does not match are mixed in and must not reach the queue.
    const producers = 20;
    const requestsPerProducer = 50; // x 10 matched entries
    const unmatchedRequestsPerProducer = 5;
    const matched = producers * requestsPerProducer * 10;
    const deadline = Date.now() + 100_000;
    const tally = new Tally();

    const produce = async (producer: number) => {
      const requests = requestsPerProducer + unmatchedRequestsPerProducer;
      for (let request = 0; request < requests; request += 1) {
        // Every eleventh request is unmatched, so both kinds are interleaved.
        const unmatched = request % 11 === 10;
        const result = await clients.events.send(
          new PutEventsCommand({
            Entries: Array.from({ length: 10 }, (_, index) => ({
              Source: unmatched ? 'elsewhere' : 'load',
              DetailType: 'load.tick',
              Detail: JSON.stringify({
                id: `${unmatched ? 'unmatched' : 'matched'}:${producer}:${request}:${index}`,
              }),
            })),
          }),
        );
        expect(result.FailedEntryCount).toBe(0);
      }
    };
    const idOf = (body: string) => (JSON.parse(body) as { detail: { id: string } }).detail.id;
    await Promise.all([
      ...Array.from({ length: producers }, (_, producer) => produce(producer)),
      ...Array.from({ length: 10 }, () =>
        consume(clients.sqs, url, tally, matched, deadline, idOf),
      ),
    ]);

    expect(matched).toBe(10_000);
    expect(tally.duplicates()).toEqual([]);
    expect(tally.seen.size).toBe(10_000);
    expect([...tally.seen.keys()].filter((id) => id.startsWith('unmatched:'))).toEqual([]);
    expect(sandbox.events.deliveryFailures()).toEqual([]);
    expect(await queueDepth(clients.sqs, url)).toEqual({ visible: '0', inFlight: '0' });
  }, 120_000);
});
