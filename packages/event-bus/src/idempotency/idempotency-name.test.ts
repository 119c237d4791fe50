import { attr, defineTable, TableClient } from '@davinci/orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Event } from '../events/event.js';
import { eventBridgeEventFor, memoryLogger, sqsEvent } from '../runtime/__tests__/sqs-events.js';
import { createEventHandler } from '../runtime/create-event-handler.js';
import { InvalidHandlerOptionError } from '../runtime/errors.js';
import { createTableFor, localDynamoDb } from './__tests__/tables.js';
import { IdempotencyTable } from './idempotency-table.js';

const StatsTable = defineTable({
  name: 'name_stats',
  partitionKey: 'stat_key',
  attributes: {
    stat_key: attr.string(),
    active_users: attr.number().default(0),
    total_users: attr.number().default(0),
  },
});

const client = localDynamoDb();
let stats: TableClient<typeof StatsTable>;
let markers: TableClient<typeof IdempotencyTable>;

beforeAll(async () => {
  stats = new TableClient(StatsTable, {
    client,
    tableName: await createTableFor(client, StatsTable.schema),
  });
  markers = new TableClient(IdempotencyTable, {
    client,
    tableName: await createTableFor(client, IdempotencyTable.schema),
  });
});

const idempotency = () => ({ client, tableName: markers.tableName });

describe('the name of an idempotent handler', () => {
  it('is required, with an error naming the option', () => {
    let thrown: unknown;
    try {
      // An inline `handler:` is named "handler" by JavaScript, so every such handler would share keys.
      createEventHandler({ idempotency: true, handler: async () => undefined });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidHandlerOptionError);
    expect(thrown).toMatchObject({
      name: 'InvalidHandlerOptionError',
      code: 'INVALID_HANDLER_OPTION',
      option: 'name',
    });
    expect((thrown as Error).message).toMatch(/^invalid handler option "name": is required/);
  });

  it('is required for idempotency options given as an object too', () => {
    expect(() =>
      createEventHandler({ idempotency: idempotency(), handler: () => undefined }),
    ).toThrow(InvalidHandlerOptionError);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['containing the key separator', 'count#users'],
  ])('is refused when %s', (_case, name) => {
    expect(() => createEventHandler({ name, idempotency: true, handler: () => undefined })).toThrow(
      expect.objectContaining({ code: 'INVALID_HANDLER_OPTION', option: 'name' }),
    );
  });

  it('stays optional without idempotency', async () => {
    const logger = memoryLogger();
    const handler = createEventHandler({ logger, handler: async () => undefined });
    const body = JSON.stringify(eventBridgeEventFor(new Event({ eventType: 'x', body: {} })));
    expect(await handler(sqsEvent([body]))).toEqual({ batchItemFailures: [] });
    expect(logger.entries[0]).toMatchObject({ handler: 'handler', outcome: 'success' });
  });
});

describe('two idempotent handlers in one process', () => {
  it('each apply the same event exactly once, with keys of their own', async () => {
    const activatedLogger = memoryLogger();
    const anyLogger = memoryLogger();
    // Shaped like the README's example: inline handler functions, both subscribed to the event.
    const handleUserActivated = createEventHandler({
      name: 'handleUserActivated',
      idempotency: idempotency(),
      logger: activatedLogger,
      handler: (_event, context) => {
        context.transaction.add(
          stats.transaction.update({ stat_key: 'pair' }, { add: { active_users: 1 } }),
        );
      },
    });
    const handleAnyUserEvent = createEventHandler({
      name: 'handleAnyUserEvent',
      idempotency: idempotency(),
      logger: anyLogger,
      handler: (_event, context) => {
        context.transaction.add(
          stats.transaction.update({ stat_key: 'pair' }, { add: { total_users: 1 } }),
        );
      },
    });
    const envelope = eventBridgeEventFor(
      new Event({ eventType: 'user.activated', body: { user_id: 'u1' } }),
    );
    const body = JSON.stringify(envelope);
    for (let delivery = 0; delivery < 2; delivery++) {
      expect(await handleAnyUserEvent(sqsEvent([body]))).toEqual({ batchItemFailures: [] });
      expect(await handleUserActivated(sqsEvent([body]))).toEqual({ batchItemFailures: [] });
    }

    expect(await stats.get({ stat_key: 'pair' })).toMatchObject({
      active_users: 1,
      total_users: 1,
    });
    expect(activatedLogger.entries.map((entry) => entry.outcome)).toEqual(['success', 'duplicate']);
    expect(anyLogger.entries.map((entry) => entry.outcome)).toEqual(['success', 'duplicate']);
    expect(await markers.get({ id: `handleUserActivated#${envelope.id}` })).toMatchObject({
      handler: 'handleUserActivated',
    });
    expect(await markers.get({ id: `handleAnyUserEvent#${envelope.id}` })).toMatchObject({
      handler: 'handleAnyUserEvent',
    });
  });
});
