import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  batchGetItems,
  batchWriteItems,
  ConditionFailedError,
  countItems,
  deleteItem,
  getItem,
  type ItemOf,
  putItem,
  queryAllItems,
  queryItems,
  scanAllItems,
  scanItems,
  type Table,
  TableClient,
  table,
  updateItem,
  ValidationError,
} from '../src/index.js';
import { createTable, localClient } from './support/dynamodb.js';
import { EventTable, OrderTable } from './support/tables.js';

let client: DynamoDBClient;
let orders: Table<typeof OrderTable>;
let events: Table<typeof EventTable>;

beforeAll(async () => {
  client = localClient();
  orders = table(OrderTable, { client, tableName: await createTable(client, OrderTable) });
  events = table(EventTable, { client, tableName: await createTable(client, EventTable) });
});
afterAll(() => client.destroy());

const placedAt = new Date('2026-04-01T08:00:00.000Z');

describe('operation functions on a table handle', () => {
  it('put, get, update and delete one item, typed like the client', async () => {
    const stored = await putItem(orders, {
      customer: 'c1',
      order_id: 'o1',
      name: 'Desk',
      placed_at: placedAt,
    });
    expectTypeOf(stored).toEqualTypeOf<ItemOf<typeof OrderTable>>();
    expect(stored).toMatchObject({ status: 'open', count: 0, version: 1 });

    const read = await getItem(orders, { customer: 'c1', order_id: 'o1' });
    expect(read).toEqual(stored);
    const projected = await getItem(
      orders,
      { customer: 'c1', order_id: 'o1' },
      { projection: ['name', 'status'] },
    );
    expectTypeOf(projected).toEqualTypeOf<
      Pick<ItemOf<typeof OrderTable>, 'name' | 'status'> | undefined
    >();
    expect(projected).toEqual({ name: 'Desk', status: 'open' });

    const updated = await updateItem(
      orders,
      { customer: 'c1', order_id: 'o1' },
      { set: { status: 'paid' }, add: { count: 2 } },
      { expectedVersion: 1 },
    );
    expect(updated).toMatchObject({ status: 'paid', count: 2, version: 2 });

    await expect(
      deleteItem(orders, { customer: 'c1', order_id: 'o1' }, { condition: { status: 'open' } }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    expect(await deleteItem(orders, { customer: 'c1', order_id: 'o1' })).toEqual(updated);
    expect(await getItem(orders, { customer: 'c1', order_id: 'o1' })).toBeUndefined();
  });

  it('validates before sending, naming the table', async () => {
    const error = await putItem(orders, {
      customer: 'c1',
      order_id: 'o2',
      name: 42,
      placed_at: placedAt,
    } as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'name', rule: 'type', message: 'expected a string, got number' },
    ]);
    expect((error as ValidationError).table).toBe('orders');
  });

  it('query, scan, count and batches read what the batch wrote', async () => {
    await batchWriteItems(
      events,
      Array.from({ length: 30 }, (_, seq) => ({ put: { stream: 's1', seq, kind: 'tick' } })),
    );
    const page = await queryItems(events, { where: { stream: 's1', seq: { lt: 10 } }, limit: 4 });
    expect(page.items.map((item) => item.seq)).toEqual([0, 1, 2, 3]);
    expect(page.cursor).toBeTypeOf('string');

    const all: number[] = [];
    for await (const item of queryAllItems(events, { where: { stream: 's1' }, limit: 7 })) {
      all.push(item.seq);
    }
    expect(all).toEqual(Array.from({ length: 30 }, (_, seq) => seq));

    expect((await scanItems(events, { limit: 5 })).items).toHaveLength(5);
    let scanned = 0;
    for await (const _ of scanAllItems(events, { segments: 3 })) scanned++;
    expect(scanned).toBe(30);
    expect(await countItems(events, { where: { stream: 's1', seq: { gte: 20 } } })).toBe(10);

    const read = await batchGetItems(events, [
      { stream: 's1', seq: 5 },
      { stream: 's1', seq: 99 },
    ]);
    expect(read).toEqual([{ stream: 's1', seq: 5, kind: 'tick' }, undefined]);
  });

  it('TableClient and the functions share one table: what one writes, the other reads', async () => {
    const viaClient = new TableClient(EventTable, { client, tableName: events.tableName });
    await putItem(events, { stream: 's2', seq: 1, kind: 'shared' });
    expect(await viaClient.get({ stream: 's2', seq: 1 })).toEqual({
      stream: 's2',
      seq: 1,
      kind: 'shared',
    });
    expect(viaClient.tableName).toBe(events.tableName);
    expect(viaClient.client).toBe(client);
  });
});

describe('table()', () => {
  it('resolves the physical name once, by resource discovery', () => {
    process.env.DAVINCI_TABLE_EVENTS = 'prod-events';
    try {
      expect(table(EventTable).tableName).toBe('prod-events');
      expect(table(EventTable, { tableName: 'explicit' }).tableName).toBe('explicit');
    } finally {
      delete process.env.DAVINCI_TABLE_EVENTS;
    }
  });
});
