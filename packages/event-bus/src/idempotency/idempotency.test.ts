import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { attr, defineTable, TableClient } from '@davinci/orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Event } from '../events/event.js';
import { eventBridgeEventFor, memoryLogger, sqsEvent } from '../runtime/__tests__/sqs-events.js';
import { createEventHandler } from '../runtime/create-event-handler.js';
import type { SqsBatchHandler, SqsEvent } from '../runtime/lambda-types.js';
import { createTableFor, localDynamoDb } from './__tests__/tables.js';
import { IdempotencyTable } from './idempotency-table.js';

const UserStatsTable = defineTable({
  name: 'user_stats',
  partitionKey: 'stat_key',
  attributes: {
    stat_key: attr.string(),
    total_users: attr.number().default(0),
  },
});

const client = localDynamoDb();
let stats: TableClient<typeof UserStatsTable>;
let markerTableName: string;

beforeAll(async () => {
  stats = new TableClient(UserStatsTable, {
    client,
    tableName: await createTableFor(client, UserStatsTable.schema),
  });
  markerTableName = await createTableFor(client, IdempotencyTable.schema);
});

/** A handler that counts users, idempotently; `calls` counts how often its body ran. */
function countingHandler(statKey: string, name = 'count-users') {
  const logger = memoryLogger();
  const counter = { calls: 0 };
  const handler = createEventHandler({
    name,
    logger,
    idempotency: { client, tableName: markerTableName },
    handler: (_event, context) => {
      counter.calls++;
      context.transaction.add(
        stats.transaction.update({ stat_key: statKey }, { add: { total_users: 1 } }),
      );
    },
  });
  return { handler, logger, counter };
}

const total = async (statKey: string) => (await stats.get({ stat_key: statKey }))?.total_users ?? 0;

/** Redelivers failed records (as SQS would) until none fail; returns how many rounds it took. */
async function deliverUntilHandled(handler: SqsBatchHandler, event: SqsEvent): Promise<number> {
  let pending = event;
  for (let round = 1; round <= 10; round++) {
    const response = await handler(pending);
    const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
    if (failed.size === 0) return round;
    pending = { Records: pending.Records.filter((record) => failed.has(record.messageId)) };
  }
  throw new Error('records still failing after 10 deliveries');
}

const userCreated = () =>
  new Event({ eventType: 'user.created', body: { user_id: 'u1', email: 'a@example.com' } });

describe('idempotent event handlers', () => {
  it('applies an event delivered three times exactly once', async () => {
    const { handler, logger, counter } = countingHandler('sequential');
    const body = JSON.stringify(eventBridgeEventFor(userCreated()));
    for (let delivery = 0; delivery < 3; delivery++) {
      // Every delivery is a new SQS message (new messageId) carrying the same EventBridge event.
      expect(await handler(sqsEvent([body]))).toEqual({ batchItemFailures: [] });
    }
    expect(await total('sequential')).toBe(1);
    expect(counter.calls).toBe(1);
    expect(logger.entries.map((entry) => entry.outcome)).toEqual([
      'success',
      'duplicate',
      'duplicate',
    ]);
  });

  it('applies an event delivered three times concurrently exactly once', async () => {
    const { handler } = countingHandler('concurrent');
    const body = JSON.stringify(eventBridgeEventFor(userCreated()));
    // Three records of one batch (processed in parallel) and three concurrent invocations.
    await Promise.all([
      deliverUntilHandled(handler, sqsEvent([body, body, body])),
      deliverUntilHandled(handler, sqsEvent([body])),
      deliverUntilHandled(handler, sqsEvent([body])),
      deliverUntilHandled(handler, sqsEvent([body])),
    ]);
    expect(await total('concurrent')).toBe(1);
  });

  it('writes a marker keyed by handler and EventBridge id, with an epoch-seconds TTL', async () => {
    const { handler } = countingHandler('marker', 'marker-handler');
    const envelope = eventBridgeEventFor(userCreated());
    await handler(sqsEvent([JSON.stringify(envelope)]));
    const stored = await client.send(
      new GetItemCommand({
        TableName: markerTableName,
        Key: { id: { S: `marker-handler#${envelope.id}` } },
      }),
    );
    expect(stored.Item?.event_id).toEqual({ S: envelope.id });
    expect(stored.Item?.event_type).toEqual({ S: 'user.created' });
    const expiresAt = Number(stored.Item?.expires_at?.N);
    const nowSeconds = Date.now() / 1000;
    expect(expiresAt).toBeGreaterThan(nowSeconds + 14 * 24 * 3600);
    expect(Number.isInteger(expiresAt)).toBe(true);
  });

  it('counts different events, and the same event once per handler', async () => {
    const first = countingHandler('distinct', 'handler-a');
    const second = countingHandler('distinct', 'handler-b');
    const one = JSON.stringify(eventBridgeEventFor(userCreated()));
    const two = JSON.stringify(eventBridgeEventFor(userCreated()));
    await first.handler(sqsEvent([one, two, one]));
    await second.handler(sqsEvent([one]));
    // one + two by handler-a (the repeated one skipped or lost the race), one by handler-b.
    await deliverUntilHandled(first.handler, sqsEvent([one, two]));
    expect(await total('distinct')).toBe(3);
  });

  it('leaves one slot of the transaction to the marker: the 100th registered write is refused', async () => {
    const logger = memoryLogger();
    const handler = createEventHandler({
      name: 'too-many-writes',
      logger,
      idempotency: { client, tableName: markerTableName },
      handler: (_event, context) => {
        for (let n = 0; n < 100; n++) {
          context.transaction.add({ kind: 'put', target: undefined as never, request: {} });
        }
      },
    });
    const response = await handler(sqsEvent([JSON.stringify(eventBridgeEventFor(userCreated()))]));
    expect(response.batchItemFailures).toHaveLength(1);
    expect(logger.entries[0]?.error).toMatchObject({ code: 'TOO_MANY_TRANSACTION_OPERATIONS' });
    expect(logger.entries[0]?.error?.message).toContain('at most 99');
  });

  it('treats a republished event (new EventBridge id) as a different event', async () => {
    const { handler } = countingHandler('republished');
    const event = userCreated();
    await handler(sqsEvent([JSON.stringify(eventBridgeEventFor(event))]));
    await handler(sqsEvent([JSON.stringify(eventBridgeEventFor(event))]));
    expect(await total('republished')).toBe(2);
  });

  it('commits nothing when the handler fails, so the redelivery applies it', async () => {
    let fail = true;
    const handler = createEventHandler({
      name: 'flaky',
      logger: memoryLogger(),
      idempotency: { client, tableName: markerTableName },
      handler: (_event, context) => {
        context.transaction.add(
          stats.transaction.update({ stat_key: 'flaky' }, { add: { total_users: 1 } }),
        );
        if (fail) throw new Error('downstream unavailable');
      },
    });
    const body = JSON.stringify(eventBridgeEventFor(userCreated()));
    expect((await handler(sqsEvent([body]))).batchItemFailures).toHaveLength(1);
    expect(await total('flaky')).toBe(0);
    fail = false;
    expect((await handler(sqsEvent([body]))).batchItemFailures).toHaveLength(0);
    expect((await handler(sqsEvent([body]))).batchItemFailures).toHaveLength(0);
    expect(await total('flaky')).toBe(1);
  });

  it('marks handlers without registered writes too', async () => {
    let calls = 0;
    const handler = createEventHandler({
      name: 'email-only',
      logger: memoryLogger(),
      idempotency: { client, tableName: markerTableName },
      handler: () => {
        calls++;
      },
    });
    const body = JSON.stringify(eventBridgeEventFor(userCreated()));
    await handler(sqsEvent([body]));
    await handler(sqsEvent([body]));
    expect(calls).toBe(1);
  });
});

describe('overlapping deliveries of one event', () => {
  /** A handler with a side effect (an email) that, once running, waits until `finish` is called. */
  function slowSender(name: string) {
    const logger = memoryLogger();
    const sent = { count: 0 };
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let finish: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const handler = createEventHandler({
      name,
      logger,
      idempotency: { client, tableName: markerTableName },
      handler: async () => {
        started();
        await gate;
        sent.count++;
      },
    });
    return { handler, logger, sent, running, finish: () => finish() };
  }

  it('runs the side effect once: a delivery that overlaps the running one fails, and is skipped when retried', async () => {
    const sender = slowSender('overlap');
    const body = JSON.stringify(eventBridgeEventFor(userCreated()));
    const first = sender.handler(sqsEvent([body]));
    await sender.running;
    const overlapping = await sender.handler(sqsEvent([body]));
    expect(overlapping.batchItemFailures).toHaveLength(1);
    expect(sender.logger.entries.at(-1)?.error).toMatchObject({
      name: 'IdempotencyInProgressError',
      code: 'IDEMPOTENCY_IN_PROGRESS',
    });
    sender.finish();
    expect(await first).toEqual({ batchItemFailures: [] });
    expect(await sender.handler(sqsEvent([body]))).toEqual({ batchItemFailures: [] });
    expect(sender.sent.count).toBe(1);
    expect(sender.logger.entries.map((entry) => entry.outcome)).toEqual([
      'failed',
      'success',
      'duplicate',
    ]);
  });

  it('takes over the event from a delivery whose lease expired, and not before', async () => {
    const markers = new TableClient(IdempotencyTable, { client, tableName: markerTableName });
    const { handler, counter } = countingHandler('taken-over', 'taken-over');
    const envelope = eventBridgeEventFor(userCreated());
    const lease = (expiresInMs: number) =>
      markers.put({
        id: `taken-over#${String(envelope.id)}`,
        handler: 'taken-over',
        event_id: String(envelope.id),
        event_type: 'user.created',
        lease_token: 'a delivery that died',
        lease_expires_at: new Date(Date.now() + expiresInMs),
        expires_at: new Date(Date.now() + 3_600_000),
      });
    await lease(60_000);
    expect((await handler(sqsEvent([JSON.stringify(envelope)]))).batchItemFailures).toHaveLength(1);
    expect(counter.calls).toBe(0);
    await lease(-1_000);
    expect(await handler(sqsEvent([JSON.stringify(envelope)]))).toEqual({ batchItemFailures: [] });
    expect([counter.calls, await total('taken-over')]).toEqual([1, 1]);
    const marker = await markers.get({ id: `taken-over#${envelope.id}` });
    expect(marker?.lease_token).toBeUndefined();
    expect(marker?.processed_at).toBeInstanceOf(Date);
  });

  it('releases the lease when the handler fails, so the retry runs at once', async () => {
    let attempts = 0;
    const handler = createEventHandler({
      name: 'released',
      logger: memoryLogger(),
      idempotency: { client, tableName: markerTableName },
      handler: () => {
        attempts++;
        if (attempts === 1) throw new Error('SES refused');
      },
    });
    const body = JSON.stringify(eventBridgeEventFor(userCreated()));
    expect((await handler(sqsEvent([body]))).batchItemFailures).toHaveLength(1);
    expect(await handler(sqsEvent([body]))).toEqual({ batchItemFailures: [] });
    expect(attempts).toBe(2);
  });
});

describe('registered writes without idempotency', () => {
  it('commit together after the handler returns, and not at all when it throws', async () => {
    const handler = createEventHandler<undefined>({
      logger: memoryLogger(),
      handler: (event, context) => {
        context.transaction.add(
          stats.transaction.update({ stat_key: 'plain-a' }, { add: { total_users: 1 } }),
          stats.transaction.update({ stat_key: 'plain-b' }, { add: { total_users: 1 } }),
        );
        if (event.detail.fail) throw new Error('after registering');
      },
    });
    const ok = new Event({ eventType: 'user.created', body: { fail: false } });
    const bad = new Event({ eventType: 'user.created', body: { fail: true } });
    const response = await handler(
      sqsEvent([ok, bad].map((event) => JSON.stringify(eventBridgeEventFor(event)))),
    );
    expect(response.batchItemFailures).toHaveLength(1);
    expect([await total('plain-a'), await total('plain-b')]).toEqual([1, 1]);
  });
});
