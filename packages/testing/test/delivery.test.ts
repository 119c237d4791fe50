import {
  CreateEventBusCommand,
  DisableRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveryFailure, type Sandbox, startSandbox } from '../src/index.js';
import { bodyOf, receiveMessages, sdkClients } from './support/clients.js';
import { createQueue } from './support/queues.js';

let sandbox: Sandbox;
const reported: DeliveryFailure[] = [];
let clients: ReturnType<typeof sdkClients>;

beforeAll(async () => {
  sandbox = await startSandbox({
    dynamodb: false,
    onDeliveryFailure: (failure) => reported.push(failure),
  });
  clients = sdkClients(sandbox);
});
afterAll(() => sandbox?.stop());

/** A rule on `bus` sending matches to one target. */
async function route(
  bus: string,
  rule: string,
  pattern: object,
  target: Record<string, unknown> & { Arn: string },
) {
  await clients.events.send(
    new PutRuleCommand({ Name: rule, EventBusName: bus, EventPattern: JSON.stringify(pattern) }),
  );
  await clients.events.send(
    new PutTargetsCommand({
      Rule: rule,
      EventBusName: bus,
      Targets: [{ Id: 'target', ...target }],
    }),
  );
}

async function publish(
  bus: string,
  ...entries: { type: string; detail: object; source?: string }[]
) {
  const result = await clients.events.send(
    new PutEventsCommand({
      Entries: entries.map(({ type, detail, source }) => ({
        EventBusName: bus,
        Source: source ?? 'users-app',
        DetailType: type,
        Detail: JSON.stringify(detail),
      })),
    }),
  );
  expect(result.FailedEntryCount).toBe(0);
  return result.Entries?.map((item) => item.EventId) ?? [];
}

async function queueIsEmpty(url: string): Promise<boolean> {
  await sandbox.events.drain();
  const { Messages = [] } = await clients.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 0 }),
  );
  return Messages.length === 0;
}

beforeAll(async () => {
  await clients.events.send(new CreateEventBusCommand({ Name: 'app' }));
});

describe('EventBridge → SQS', () => {
  it('delivers the full event for a wildcard rule and nothing that does not match', async () => {
    const queue = await createQueue(clients.sqs, 'user-events');
    await route(
      'app',
      'user-wildcard',
      { 'detail-type': [{ prefix: 'user.' }] },
      { Arn: queue.arn },
    );
    const [createdId, deletedId] = await publish(
      'app',
      { type: 'user.created', detail: { userId: 'u1', name: 'Ada' } },
      { type: 'user.deleted', detail: { userId: 'u1' } },
      { type: 'order.created', detail: { orderId: 'o1' } },
    );
    const bodies = (await receiveMessages(clients.sqs, queue.url, 2)).map(bodyOf);
    expect(bodies).toHaveLength(2);
    expect(bodies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: createdId,
          'detail-type': 'user.created',
          source: 'users-app',
          detail: { userId: 'u1', name: 'Ada' },
        }),
        expect.objectContaining({
          id: deletedId,
          'detail-type': 'user.deleted',
          detail: { userId: 'u1' },
        }),
      ]),
    );
    expect(await queueIsEmpty(queue.url)).toBe(true);
  });

  it('sends what InputPath selects', async () => {
    const queue = await createQueue(clients.sqs, 'details-only');
    await route(
      'app',
      'details',
      { 'detail-type': ['order.created'] },
      { Arn: queue.arn, InputPath: '$.detail' },
    );
    await publish('app', {
      type: 'order.created',
      detail: { orderId: 'o7', lines: [{ sku: 'a' }] },
    });
    const [message] = await receiveMessages(clients.sqs, queue.url, 1);
    expect(bodyOf(message ?? {})).toEqual({ orderId: 'o7', lines: [{ sku: 'a' }] });
  });

  it('sends an InputTransformer JSON template, values in and outside quotes', async () => {
    const queue = await createQueue(clients.sqs, 'shaped-json');
    await route(
      'app',
      'shaped-json',
      { 'detail-type': ['order.shipped'] },
      {
        Arn: queue.arn,
        InputTransformer: {
          InputPathsMap: {
            order: '$.detail.orderId',
            lines: '$.detail.lines',
            firstSku: '$.detail.lines[0].sku',
            kind: '$.detail-type',
          },
          InputTemplate:
            '{"order": <order>, "lines": <lines>, "summary": "order <order> (<kind>) starts with \\"<firstSku>\\"", "rule": "<aws.events.rule-name>"}',
        },
      },
    );
    await publish('app', {
      type: 'order.shipped',
      detail: { orderId: 'o9', lines: [{ sku: 'b"1' }] },
    });
    const [message] = await receiveMessages(clients.sqs, queue.url, 1);
    expect(bodyOf(message ?? {})).toEqual({
      order: 'o9',
      lines: [{ sku: 'b"1' }],
      summary: 'order o9 (order.shipped) starts with "b"1"',
      rule: 'shaped-json',
    });
  });

  it('sends an InputTransformer text template as text', async () => {
    const queue = await createQueue(clients.sqs, 'shaped-text');
    await route(
      'app',
      'shaped-text',
      { 'detail-type': ['user.renamed'] },
      {
        Arn: queue.arn,
        InputTransformer: {
          InputPathsMap: { user: '$.detail.userId', name: '$.detail.name' },
          InputTemplate: '<user> is now called "<name>"',
        },
      },
    );
    await publish('app', { type: 'user.renamed', detail: { userId: 'u2', name: 'Grace' } });
    const [message] = await receiveMessages(clients.sqs, queue.url, 1);
    expect(message?.Body).toBe('u2 is now called "Grace"');
  });

  it('keeps the order of events per target (FIFO queue, SqsParameters group)', async () => {
    const queue = await createQueue(clients.sqs, 'ordered.fifo', { FifoQueue: 'true' });
    await route(
      'app',
      'ordered',
      { 'detail-type': ['tick'] },
      { Arn: queue.arn, SqsParameters: { MessageGroupId: 'ticks' } },
    );
    for (let batch = 0; batch < 3; batch++) {
      await publish(
        'app',
        ...Array.from({ length: 10 }, (_, n) => ({ type: 'tick', detail: { n: batch * 10 + n } })),
      );
    }
    const received = await receiveMessages(clients.sqs, queue.url, 30, 10_000, { delete: true });
    expect(
      received.map((message) => (bodyOf(message) as { detail: { n: number } }).detail.n),
    ).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(received[0]?.Attributes?.MessageGroupId).toBe('ticks');
  });

  it('fans one event out to every matching rule and target', async () => {
    const first = await createQueue(clients.sqs, 'fan-1');
    const second = await createQueue(clients.sqs, 'fan-2');
    await route('app', 'fan-a', { detail: { fan: [true] } }, { Arn: first.arn });
    await route(
      'app',
      'fan-b',
      { source: ['users-app'], detail: { fan: [{ exists: true }] } },
      { Arn: second.arn },
    );
    const [id] = await publish('app', { type: 'fan.out', detail: { fan: true } });
    const [a] = await receiveMessages(clients.sqs, first.url, 1);
    const [b] = await receiveMessages(clients.sqs, second.url, 1);
    expect(bodyOf(a ?? {})).toMatchObject({ id });
    expect(bodyOf(b ?? {})).toMatchObject({ id });
  });

  it('does not deliver through a disabled rule', async () => {
    const queue = await createQueue(clients.sqs, 'disabled');
    await route('app', 'disabled', { 'detail-type': ['quiet'] }, { Arn: queue.arn });
    await clients.events.send(new DisableRuleCommand({ Name: 'disabled', EventBusName: 'app' }));
    await publish('app', { type: 'quiet', detail: {} });
    expect(await queueIsEmpty(queue.url)).toBe(true);
  });
});

describe('failed deliveries', () => {
  it("go to the target's dead-letter queue, with the original event", async () => {
    const dlq = await createQueue(clients.sqs, 'events-dlq');
    const gone = 'arn:aws:sqs:us-east-1:000000000000:never-created';
    await route(
      'app',
      'to-nowhere',
      { 'detail-type': ['lost'] },
      {
        Arn: gone,
        InputPath: '$.detail',
        DeadLetterConfig: { Arn: dlq.arn },
      },
    );
    const [id] = await publish('app', { type: 'lost', detail: { n: 1 } });
    const [parked] = await receiveMessages(clients.sqs, dlq.url, 1);
    expect(bodyOf(parked ?? {})).toMatchObject({ id, 'detail-type': 'lost', detail: { n: 1 } });
    expect(sandbox.events.deliveryFailures()).toContainEqual(
      expect.objectContaining({ eventId: id, targetArn: gone, deadLetteredTo: dlq.arn }),
    );
  });

  it('are recorded when the target has no dead-letter queue', async () => {
    const gone = 'arn:aws:sqs:us-east-1:000000000000:also-never-created';
    await route('app', 'unrecorded', { 'detail-type': ['dropped'] }, { Arn: gone });
    const [id] = await publish('app', { type: 'dropped', detail: {} });
    await sandbox.events.drain();
    const failure = sandbox.events.deliveryFailures().find((item) => item.eventId === id);
    expect(failure).toMatchObject({
      busName: 'app',
      ruleArn: 'arn:aws:events:us-east-1:000000000000:rule/app/unrecorded',
      targetId: 'target',
      targetArn: gone,
    });
    expect(failure?.deadLetteredTo).toBeUndefined();
    expect(failure?.message).toBeTruthy();
    expect(reported).toContainEqual(failure);
  });
});
