import { attr, defineTable, TableClient } from '@davinci/orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Event } from '../events/event.js';
import { createTableFor, localDynamoDb } from '../idempotency/__tests__/tables.js';
import { IdempotencyTable } from '../idempotency/idempotency-table.js';
import { eventBridgeEventFor, memoryLogger, sqsEvent } from './__tests__/sqs-events.js';
import { createEventHandler } from './create-event-handler.js';
import { InvalidHandlerOptionError } from './errors.js';

const CounterTable = defineTable({
  name: 'counters',
  partitionKey: 'key',
  attributes: { key: attr.string(), total: attr.number() },
});

const client = localDynamoDb();
let counters: TableClient<typeof CounterTable>;
let markerTableName: string;

beforeAll(async () => {
  counters = new TableClient(CounterTable, {
    client,
    tableName: await createTableFor(client, CounterTable.schema),
  });
  markerTableName = await createTableFor(client, IdempotencyTable.schema);
});

const events = (count: number) =>
  Array.from({ length: count }, (_, index) =>
    JSON.stringify(
      eventBridgeEventFor(new Event({ eventType: 'user.created', body: { n: index } })),
    ),
  );

/**
 * Counts with an optimistic write: read the total, then set it to total + 1 only if it is still
 * what was read. Each committed run reports the total its own write produced.
 */
function optimisticCounter(
  key: string,
  options: { conflictRetries?: number; idempotent?: boolean },
) {
  const reported: number[] = [];
  const logger = memoryLogger();
  const handler = createEventHandler({
    name: `count-${key}`,
    logger,
    concurrency: 10,
    ...(options.conflictRetries !== undefined && { conflictRetries: options.conflictRetries }),
    ...(options.idempotent && { idempotency: { client, tableName: markerTableName } }),
    handler: async (_event, { transaction }) => {
      const current = await counters.get({ key }, { consistentRead: true });
      const next = (current?.total ?? 0) + 1;
      transaction.add(
        current
          ? counters.transaction.update(
              { key },
              { set: { total: next } },
              { condition: { total: current.total } },
            )
          : counters.transaction.put({ key, total: next }, { mustNotExist: true }),
      );
      transaction.afterCommit(() => reported.push(next));
    },
  });
  return { handler, reported, logger };
}

describe('optimistic writes (conflictRetries) and afterCommit', () => {
  it('runs a handler that lost the race again, so 10 concurrent increments all land once', async () => {
    const counter = optimisticCounter('plain', { conflictRetries: 20 });
    const response = await counter.handler(sqsEvent(events(10)));
    expect(response.batchItemFailures).toEqual([]);
    expect((await counters.get({ key: 'plain' }, { consistentRead: true }))?.total).toBe(10);
    // Each commit reported the value its own write produced: every total from 1 to 10, once.
    expect([...counter.reported].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('does the same for idempotent handlers, whose marker commits with each winning write', async () => {
    const counter = optimisticCounter('idempotent', { conflictRetries: 20, idempotent: true });
    const bodies = events(10);
    const response = await counter.handler(sqsEvent(bodies));
    expect(response.batchItemFailures).toEqual([]);
    // A redelivery of all ten is skipped as duplicates: nothing more is counted or reported.
    await counter.handler(sqsEvent(bodies));
    expect((await counters.get({ key: 'idempotent' }, { consistentRead: true }))?.total).toBe(10);
    expect([...counter.reported].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('without conflictRetries, the losers fail their records and report nothing', async () => {
    const counter = optimisticCounter('no-retries', {});
    const response = await counter.handler(sqsEvent(events(10)));
    const total = (await counters.get({ key: 'no-retries' }, { consistentRead: true }))?.total;
    expect(response.batchItemFailures.length + (total ?? 0)).toBe(10);
    expect(counter.reported).toHaveLength(total ?? 0);
  });

  it('keeps a commit whose afterCommit callback throws, and logs the callback failure', async () => {
    const logger = memoryLogger();
    const handler = createEventHandler({
      name: 'after-commit-throws',
      logger,
      handler: (_event, { transaction }) => {
        transaction.add(counters.transaction.put({ key: 'after-throws', total: 1 }));
        transaction.afterCommit(() => {
          throw new Error('report failed');
        });
      },
    });
    const response = await handler(sqsEvent(events(1)));
    expect(response.batchItemFailures).toEqual([]);
    expect((await counters.get({ key: 'after-throws' }))?.total).toBe(1);
    const warning = logger.entries.find((entry) => entry.level === 'warn');
    expect(warning?.message).toBe('committed; an afterCommit callback failed');
    expect(warning?.error?.message).toBe('report failed');
  });

  it('does not call afterCommit when the handler fails', async () => {
    let called = false;
    const handler = createEventHandler({
      name: 'fails',
      logger: memoryLogger(),
      handler: (_event, { transaction }) => {
        transaction.afterCommit(() => {
          called = true;
        });
        throw new Error('no');
      },
    });
    const response = await handler(sqsEvent(events(1)));
    expect(response.batchItemFailures).toHaveLength(1);
    expect(called).toBe(false);
  });

  it('refuses a conflictRetries that is not a non-negative integer, naming the option', () => {
    expect(() => createEventHandler({ conflictRetries: -1, handler: () => {} })).toThrow(
      InvalidHandlerOptionError,
    );
    expect(() => createEventHandler({ conflictRetries: 1.5, handler: () => {} })).toThrow(
      /conflictRetries/,
    );
  });
});
