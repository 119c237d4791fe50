import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { TableClient, UnprocessedItemsError, ValidationError } from '../src/index.js';
import { createTable, localClient } from './support/dynamodb.js';
import { injectBatchFaults, refused } from './support/edge-faults.js';
import { EventTable, OrderTable } from './support/tables.js';

let tableName: string;
const fast = { baseDelayMs: 1, maxDelayMs: 5 };

beforeAll(async () => {
  const client = localClient();
  tableName = await createTable(client, EventTable);
  client.destroy();
});

/** A table client on its own SDK client, so each test's faults stay its own. */
function events(): { table: TableClient<typeof EventTable>; client: DynamoDBClient } {
  const client = localClient();
  return { table: new TableClient(EventTable, { client, tableName }), client };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const event = (stream: string, seq: number) => ({ stream, seq, kind: seq % 2 ? 'odd' : 'even' });

describe('batchWrite and batchGet', () => {
  it('chunks writes by 25 and reads by 100, results aligned with the keys', async () => {
    const { table, client } = events();
    const log = injectBatchFaults(client, {});
    await table.batchWrite(Array.from({ length: 60 }, (_, seq) => ({ put: event('chunks', seq) })));
    expect(log.calls.map((call) => call.size)).toEqual([25, 25, 10]);

    const keys = Array.from({ length: 230 }, (_, seq) => ({ stream: 'chunks', seq }));
    const items = await table.batchGet(keys);
    expect(log.calls.slice(3).map((call) => call.size)).toEqual([100, 100, 30]);
    expect(items).toHaveLength(230);
    expect(items.slice(0, 60)).toEqual(
      Array.from({ length: 60 }, (_, seq) => event('chunks', seq)),
    );
    expect(items.slice(60).every((item) => item === undefined)).toBe(true);
  });

  it('reads a key given twice once and returns it at both positions', async () => {
    const { table, client } = events();
    await table.batchWrite([{ put: event('dupes', 1) }]);
    const log = injectBatchFaults(client, {});
    const items = await table.batchGet([
      { stream: 'dupes', seq: 1 },
      { stream: 'dupes', seq: 2 },
      { stream: 'dupes', seq: 1 },
    ]);
    expect(log.calls).toEqual([{ command: 'BatchGetItemCommand', size: 2 }]);
    expect(items).toEqual([event('dupes', 1), undefined, event('dupes', 1)]);
  });

  it('projects batch reads and still matches items to keys', async () => {
    const { table } = events();
    await table.batchWrite([{ put: { ...event('projected', 1), payload: { big: true } } }]);
    const [item, missing] = await table.batchGet(
      [
        { stream: 'projected', seq: 1 },
        { stream: 'projected', seq: 2 },
      ],
      { projection: ['kind'] },
    );
    expect(item).toEqual({ kind: 'odd' });
    expect(missing).toBeUndefined();
  });

  it('deletes in the same batch as puts', async () => {
    const { table } = events();
    await table.batchWrite([{ put: event('mixed', 1) }, { put: event('mixed', 2) }]);
    await table.batchWrite([{ delete: { stream: 'mixed', seq: 1 } }, { put: event('mixed', 3) }]);
    expect(await table.batchGet([1, 2, 3].map((seq) => ({ stream: 'mixed', seq })))).toEqual([
      undefined,
      event('mixed', 2),
      event('mixed', 3),
    ]);
  });

  it('refuses duplicate keys and invalid items before any request, naming each', async () => {
    const { table, client } = events();
    const log = injectBatchFaults(client, {});
    const error = await table
      .batchWrite([
        { put: event('bad', 1) },
        { put: { stream: 'bad', seq: 'two', kind: 'x' } as never },
        { delete: { stream: 'bad', seq: 1 } },
      ])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map(({ path, rule }) => `${path}:${rule}`)).toEqual([
      '[1].seq:type',
      '[2]:unique-key',
    ]);
    expect(log.calls).toEqual([]);
  });

  it('refuses nonsense retry settings with a coded ValidationError, before any request', async () => {
    const { table, client } = events();
    const log = injectBatchFaults(client, {});
    await expect(
      table.batchWrite([{ put: event('retry-settings', 1) }], { retry: { maxAttempts: 0 } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'retry.maxAttempts', rule: 'maxAttempts' }],
    });
    await expect(
      table.batchGet([{ stream: 'retry-settings', seq: 1 }], { retry: { baseDelayMs: -1 } }),
    ).rejects.toMatchObject({ issues: [{ path: 'retry.baseDelayMs', rule: 'baseDelayMs' }] });
    expect(log.calls).toEqual([]);
  });

  it('names every bad key of a batch read', async () => {
    const { table } = events();
    const error = await table
      .batchGet([{ stream: 'x', seq: 1 }, { stream: 2, seq: 1 } as never, { stream: 'x' } as never])
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).issues.map(({ path }) => path)).toEqual([
      '[1].stream',
      '[2].seq',
    ]);
  });

  it('refuses batch puts on a versioned table (a batch cannot check versions)', async () => {
    const orders = new TableClient(OrderTable, { client: localClient(), tableName: 'unused' });
    await expect(
      orders.batchWrite([
        { put: { customer: 'c', order_id: 'o', name: 'n', placed_at: new Date() } },
      ]),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: '[0]', rule: 'versioned' }],
    });
  });
});

describe('unprocessed items', () => {
  it('retries what DynamoDB leaves unprocessed until everything is written', async () => {
    const { table, client } = events();
    // First two calls: half of every batch comes back unprocessed.
    const log = injectBatchFaults(client, {
      withholdWrites: (writes, call) => (call < 2 ? writes.filter((_, i) => i % 2 === 0) : []),
    });
    await table.batchWrite(
      Array.from({ length: 40 }, (_, seq) => ({ put: event('retry', seq) })),
      {
        retry: fast,
      },
    );
    // Two chunks (25 + 15); calls 0 and 1 withhold 13 + 8 writes, which call 2 then writes.
    expect(log.calls.map((call) => call.size)).toEqual([25, 15, 21]);
    const stored = await collect(table.queryAll({ where: { stream: 'retry' } }));
    expect(stored).toEqual(Array.from({ length: 40 }, (_, seq) => event('retry', seq)));
  });

  it('retries a throttled batch call as a whole', async () => {
    const { table, client } = events();
    const log = injectBatchFaults(client, { throttle: (call) => call === 0 });
    await table.batchWrite([{ put: event('throttle', 1) }], { retry: fast });
    expect(log.calls).toHaveLength(2);
    expect(await table.batchGet([{ stream: 'throttle', seq: 1 }], { retry: fast })).toEqual([
      event('throttle', 1),
    ]);
  });

  it('throws UnprocessedItemsError carrying exactly the writes still unprocessed', async () => {
    const { table, client } = events();
    const stuck = (write: { PutRequest?: { Item?: Record<string, AttributeValue> } }) =>
      write.PutRequest?.Item?.seq?.N === '3' || write.PutRequest?.Item?.seq?.N === '7';
    const log = injectBatchFaults(client, { withholdWrites: (writes) => writes.filter(stuck) });
    const requests = Array.from({ length: 10 }, (_, seq) => ({ put: event('stuck', seq) }));
    const error = await table
      .batchWrite(requests, { retry: { ...fast, maxAttempts: 3 } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessedItemsError);
    const unprocessed = error as UnprocessedItemsError;
    expect(unprocessed.code).toBe('UNPROCESSED_ITEMS');
    expect(unprocessed.attempts).toBe(3);
    expect(unprocessed.unprocessed).toEqual([requests[3], requests[7]]);
    expect(log.calls.map((call) => call.size)).toEqual([10, 2, 2]);
    const stored = await table.batchGet(
      Array.from({ length: 10 }, (_, seq) => ({ stream: 'stuck', seq })),
    );
    expect(stored.filter((item) => item === undefined)).toHaveLength(2);
    expect(stored[3]).toBeUndefined();
    expect(stored[7]).toBeUndefined();
  });

  it('throws UnprocessedItemsError carrying exactly the keys still unread, with what was read', async () => {
    const { table, client } = events();
    await table.batchWrite([1, 2, 3].map((seq) => ({ put: event('unread', seq) })));
    injectBatchFaults(client, { withholdKeys: (keys) => keys.filter((key) => key.seq?.N === '2') });
    const error = await table
      .batchGet(
        [1, 2, 3].map((seq) => ({ stream: 'unread', seq })),
        { retry: { ...fast, maxAttempts: 2 } },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessedItemsError);
    expect((error as UnprocessedItemsError).unprocessed).toEqual([{ stream: 'unread', seq: 2 }]);
    expect((error as UnprocessedItemsError).processed).toEqual([
      event('unread', 1),
      undefined,
      event('unread', 3),
    ]);
  });
});

describe('a batch call that fails', () => {
  const seqs = (requests: readonly unknown[]) =>
    requests.map((request) => (request as { put: { seq: number } }).put.seq).sort((a, b) => a - b);

  it('stops sending, waits for the calls in flight and lists every write not known to be stored', async () => {
    const { table, client } = events();
    // Ten chunks of 25, eight in flight at once: the first call is refused.
    const log = injectBatchFaults(client, { fail: (call) => (call === 0 ? refused() : undefined) });
    const requests = Array.from({ length: 250 }, (_, seq) => ({ put: event('refused', seq) }));
    const error = await table.batchWrite(requests, { retry: fast }).catch((caught) => caught);
    expect(error).toBeInstanceOf(UnprocessedItemsError);
    const unprocessed = error as UnprocessedItemsError;
    expect(unprocessed.operation).toBe('batchWrite');
    expect(unprocessed.cause).toMatchObject({ name: 'ValidationException' });
    const callsAtThrow = log.calls.length;
    expect(callsAtThrow).toBeLessThan(10);

    // Exactly the requests not listed were written, and nothing is written after the throw.
    const reader = events().table;
    const stored = await collect(reader.queryAll({ where: { stream: 'refused' } }));
    const storedSeqs = stored.map((item) => item.seq);
    const listed = seqs(unprocessed.unprocessed);
    expect(listed.slice(0, 25)).toEqual(Array.from({ length: 25 }, (_, seq) => seq));
    expect(listed.length).toBe(250 - (callsAtThrow - 1) * 25);
    expect([...listed, ...storedSeqs].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 250 }, (_, seq) => seq),
    );
    expect(log.calls.length).toBe(callsAtThrow);
    expect(unprocessed.unprocessed).toEqual(listed.map((seq) => requests[seq]));
  });

  it('batchGet stops too, keeping what it read and listing every key not read', async () => {
    const { table, client } = events();
    await table.batchWrite(
      Array.from({ length: 5 }, (_, seq) => ({ put: event('unreadable', seq) })),
    );
    const log = injectBatchFaults(client, { fail: (call) => (call === 1 ? refused() : undefined) });
    // 1000 keys: ten chunks of 100; the second call is refused.
    const keys = Array.from({ length: 1000 }, (_, seq) => ({ stream: 'unreadable', seq }));
    const error = await table.batchGet(keys, { retry: fast }).catch((caught) => caught);
    expect(error).toBeInstanceOf(UnprocessedItemsError);
    const unprocessed = error as UnprocessedItemsError;
    expect(unprocessed.cause).toMatchObject({ name: 'ValidationException' });
    const callsAtThrow = log.calls.length;
    expect(callsAtThrow).toBeLessThan(10);
    const unread = (unprocessed.unprocessed as { seq: number }[]).map((key) => key.seq);
    expect(unread.slice(0, 100)).toEqual(Array.from({ length: 100 }, (_, seq) => 100 + seq));
    expect(unread).toHaveLength(1000 - (callsAtThrow - 1) * 100);
    // What was read is kept: the five stored items sit in the first chunk, which succeeded.
    expect(unprocessed.processed?.slice(0, 5)).toEqual(
      Array.from({ length: 5 }, (_, seq) => event('unreadable', seq)),
    );
    expect(log.calls.length).toBe(callsAtThrow);
  });
});
