import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConditionOf,
  TableClient,
  TableNotFoundError,
  ValidationError,
} from '../src/index.js';
import { createTable, localClient } from './support/dynamodb.js';
import { EventTable, OrderTable } from './support/tables.js';

let client: DynamoDBClient;
let events: TableClient<typeof EventTable>;
let orders: TableClient<typeof OrderTable>;
const TOTAL = 120;

beforeAll(async () => {
  client = localClient();
  events = new TableClient(EventTable, {
    client,
    tableName: await createTable(client, EventTable),
  });
  orders = new TableClient(OrderTable, {
    client,
    tableName: await createTable(client, OrderTable),
  });
  await events.batchWrite(
    Array.from({ length: TOTAL }, (_, seq) => ({
      put: { stream: 's1', seq, kind: seq % 3 === 0 ? 'fizz' : 'plain', payload: { n: seq } },
    })),
  );
  await events.batchWrite(
    Array.from({ length: 5 }, (_, seq) => ({ put: { stream: 's2', seq, kind: 'plain' } })),
  );
  const statuses = ['open', 'paid', 'shipped'] as const;
  for (let i = 0; i < 9; i++) {
    await orders.put({
      customer: i < 6 ? 'alice' : 'bob',
      order_id: `o${i}`,
      name: `order ${String.fromCharCode(105 - i)}`,
      status: statuses[i % 3],
      placed_at: new Date(Date.UTC(2026, 0, 1 + i)),
      count: i,
      tags: i % 2 ? ['gift'] : ['plain', 'bulk'],
      address: { city: i % 2 ? 'Oslo' : 'Bergen' },
    });
  }
});
afterAll(() => client.destroy());

describe('query', () => {
  it('pages through many items with a small limit; the opaque cursor round-trips', async () => {
    const seen: number[] = [];
    const cursors: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await events.query({ where: { stream: 's1' }, limit: 25, cursor });
      seen.push(...page.items.map((item) => item.seq));
      cursor = page.cursor;
      if (cursor !== undefined) cursors.push(cursor);
    } while (cursor);
    // 120 items at 25 a page: four full pages with a cursor each, then a last one of 20 without.
    expect(cursors).toHaveLength(4);
    for (const each of cursors) expect(each).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(seen).toEqual(Array.from({ length: TOTAL }, (_, seq) => seq));
  });

  it('queryAll iterates every item across pages, in descending order when asked', async () => {
    const seqs: number[] = [];
    for await (const item of events.queryAll({
      where: { stream: 's1' },
      limit: 7,
      order: 'desc',
    })) {
      seqs.push(item.seq);
    }
    expect(seqs).toEqual(Array.from({ length: TOTAL }, (_, seq) => TOTAL - 1 - seq));
  });

  it('applies sort-key operators', async () => {
    const seqs = async (where: Parameters<typeof events.query>[0]['where']) =>
      (await events.query({ where })).items.map((item) => item.seq);
    expect(await seqs({ stream: 's1', seq: 5 })).toEqual([5]);
    expect(await seqs({ stream: 's1', seq: { lt: 3 } })).toEqual([0, 1, 2]);
    expect(await seqs({ stream: 's1', seq: { lte: 2 } })).toEqual([0, 1, 2]);
    expect(await seqs({ stream: 's1', seq: { gt: 117 } })).toEqual([118, 119]);
    expect(await seqs({ stream: 's1', seq: { gte: 118 } })).toEqual([118, 119]);
    expect(await seqs({ stream: 's1', seq: { between: [10, 12] } })).toEqual([10, 11, 12]);
    const names = await orders.query({
      where: { customer: 'alice', order_id: { beginsWith: 'o1' } },
    });
    expect(names.items.map((item) => item.order_id)).toEqual(['o1']);
  });

  it('filters with nested paths, reserved words, in, contains, size, exists and or/not', async () => {
    const ids = async (filter: Parameters<typeof orders.query>[0]['filter']) =>
      (await orders.query({ where: { customer: 'alice' }, filter })).items.map(
        (item) => item.order_id,
      );
    expect(await ids({ 'address.city': 'Oslo' })).toEqual(['o1', 'o3', 'o5']);
    expect(await ids({ status: { in: ['paid', 'shipped'] }, count: { gte: 3 } })).toEqual([
      'o4',
      'o5',
    ]);
    expect(await ids({ tags: { contains: 'gift' }, name: { ne: 'order h' } })).toEqual([
      'o3',
      'o5',
    ]);
    expect(await ids({ tags: { size: { gt: 1 } } })).toEqual(['o0', 'o2', 'o4']);
    expect(await ids({ size: { exists: true } })).toEqual([]);
    expect(await ids({ or: [{ count: 0 }, { not: { count: { lt: 5 } } }] })).toEqual(['o0', 'o5']);
    expect(await ids({ 'tags[0]': 'gift', address: { attributeType: 'M' } })).toEqual([
      'o1',
      'o3',
      'o5',
    ]);
  });

  it('queries a global index by its own keys and a local index by its sort key', async () => {
    const paid = await orders.query({
      index: 'byStatus',
      where: { status: 'paid', placed_at: { gte: new Date(Date.UTC(2026, 0, 3)) } },
    });
    expect(paid.items.map((item) => item.order_id)).toEqual(['o4', 'o7']);
    const byName = await orders.query({ index: 'byName', where: { customer: 'alice' }, limit: 2 });
    expect(byName.items.map((item) => item.name)).toEqual(['order d', 'order e']);
    expect(byName.cursor).toBeDefined();
    const next = await orders.query({
      index: 'byName',
      where: { customer: 'alice' },
      limit: 2,
      cursor: byName.cursor,
    });
    expect(next.items.map((item) => item.name)).toEqual(['order f', 'order g']);
  });

  it('returns only the projected attributes', async () => {
    const page = await orders.query({
      where: { customer: 'bob' },
      projection: ['order_id', 'count'],
    });
    expect(page.items).toEqual([
      { order_id: 'o6', count: 6 },
      { order_id: 'o7', count: 7 },
      { order_id: 'o8', count: 8 },
    ]);
  });

  it('rejects non-key attributes in where, unknown indexes and forged cursors before any request', async () => {
    await expect(
      orders.query({ where: { customer: 'alice', name: 'x' } as never }),
    ).rejects.toMatchObject({
      issues: [{ path: 'where.name', rule: 'key-attribute' }],
    });
    await expect(
      orders.query({ where: { customer: 'alice' }, index: 'nope' as never }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(orders.query({ where: { order_id: 'o1' } as never })).rejects.toMatchObject({
      issues: [{ path: 'where.customer', rule: 'partition-key' }],
    });
    await expect(
      events.query({ where: { stream: 's1' }, cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({
      issues: [{ path: 'cursor', rule: 'cursor' }],
    });
  });

  it('refuses a well-formed cursor of another table or index before any request', async () => {
    const eventsPage = await events.query({ where: { stream: 's1' }, limit: 2 });
    const ordersPage = await orders.query({ where: { customer: 'alice' }, limit: 2 });
    const indexPage = await orders.query({
      where: { status: 'open' },
      index: 'byStatus',
      limit: 1,
    });
    expect([eventsPage.cursor, ordersPage.cursor, indexPage.cursor]).not.toContain(undefined);
    const attempts = [
      orders.query({ where: { customer: 'alice' }, cursor: eventsPage.cursor }),
      orders.query({ where: { status: 'open' }, index: 'byStatus', cursor: ordersPage.cursor }),
      orders.query({ where: { customer: 'alice' }, cursor: indexPage.cursor }),
      orders.scan({ cursor: eventsPage.cursor }),
      events.scan({ cursor: ordersPage.cursor }),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [{ path: 'cursor', rule: 'cursor' }],
      });
    }
    // The right cursor still resumes where its page ended.
    const next = await orders.query({
      where: { status: 'open' },
      index: 'byStatus',
      cursor: indexPage.cursor,
    });
    expect(indexPage.items.map((item) => item.order_id)).toEqual(['o0']);
    expect(next.items.map((item) => item.order_id)).toEqual(['o3', 'o6']);
  });

  it('refuses an undefined operand instead of silently dropping that check', async () => {
    const refused: [ConditionOf<typeof OrderTable>, string, string][] = [
      [{ status: { eq: undefined } }, 'status.eq', 'eq'],
      [{ count: { gt: 1, lt: undefined } }, 'count.lt', 'lt'],
      [{ tags: { size: {} } }, 'tags.size', 'size'],
      [{ tags: { size: { gt: undefined } } }, 'tags.size.gt', 'gt'],
      [{ count: { in: [1, undefined as never] } }, 'count.in[1]', 'in'],
      [{ name: { beginsWith: undefined } }, 'name.beginsWith', 'beginsWith'],
    ];
    for (const [filter, path, rule] of refused) {
      const error = await orders
        .query({ where: { customer: 'alice' }, filter })
        .catch((caught: unknown) => caught);
      expect(error, JSON.stringify(filter)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues, JSON.stringify(filter)).toEqual([
        expect.objectContaining({ path, rule }),
      ]);
    }
    await expect(
      orders.query({ where: { customer: 'alice', order_id: { gte: 'o1', lt: undefined } } }),
    ).rejects.toMatchObject({ issues: [{ path: 'where.order_id.lt', rule: 'lt' }] });
    const error = await events
      .count({ where: { stream: 's1' }, filter: { kind: { ne: undefined } } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
  });
});

describe('scan and count', () => {
  it('scans page by page with a cursor and a filter', async () => {
    const kinds = new Set<string>();
    let cursor: string | undefined;
    let total = 0;
    do {
      const page = await events.scan({ filter: { kind: 'fizz' }, limit: 30, cursor });
      for (const item of page.items) kinds.add(item.kind);
      total += page.items.length;
      cursor = page.cursor;
    } while (cursor);
    expect([...kinds]).toEqual(['fizz']);
    expect(total).toBe(40);
  });

  it('scans one segment of a parallel scan', async () => {
    const first = await events.scan({ segment: 0, totalSegments: 2 });
    const second = await events.scan({ segment: 1, totalSegments: 2 });
    const all = [...first.items, ...second.items];
    expect(first.cursor ?? second.cursor).toBeUndefined();
    expect(all).toHaveLength(TOTAL + 5);
  });

  it('scanAll reads every item, sequentially or in parallel segments', async () => {
    const sequential: string[] = [];
    for await (const item of events.scanAll({ limit: 50 }))
      sequential.push(`${item.stream}/${item.seq}`);
    const parallel: string[] = [];
    for await (const item of events.scanAll({ segments: 4, limit: 20 }))
      parallel.push(`${item.stream}/${item.seq}`);
    expect(sequential).toHaveLength(TOTAL + 5);
    expect(new Set(parallel)).toEqual(new Set(sequential));
    expect(parallel).toHaveLength(TOTAL + 5);
  });

  it('stops reading when the loop stops', async () => {
    const counting = localClient();
    let scans = 0;
    counting.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'ScanCommand') scans++;
        return next(args);
      },
      { step: 'initialize', name: 'countScans' },
    );
    const table = new TableClient(EventTable, { client: counting, tableName: events.tableName });
    const seen: number[] = [];
    for await (const item of table.scanAll({ segments: 3, limit: 5 })) {
      seen.push(item.seq);
      if (seen.length === 12) break;
    }
    expect(seen).toHaveLength(12);
    // A full read takes more than 25 pages of 5; stopping early leaves most of them unread.
    expect(scans).toBeLessThan(10);
    counting.destroy();
  });

  it('surfaces the first failure of a parallel scan', async () => {
    const missing = new TableClient(EventTable, { client, tableName: 'no-such-events' });
    const read = async () => {
      for await (const _ of missing.scanAll({ segments: 3 })) {
        // never reached
      }
    };
    await expect(read()).rejects.toBeInstanceOf(TableNotFoundError);
  });

  it('counts across pages, with a query or a scan', async () => {
    expect(await events.count({ where: { stream: 's1' } })).toBe(TOTAL);
    expect(await events.count({ where: { stream: 's1' }, pageSize: 7 })).toBe(TOTAL);
    expect(await events.count({ filter: { kind: 'fizz' }, pageSize: 9 })).toBe(40);
    expect(
      await events.count({ where: { stream: 's1', seq: { lt: 10 } }, filter: { kind: 'fizz' } }),
    ).toBe(4);
    expect(await events.count()).toBe(TOTAL + 5);
    expect(await orders.count({ index: 'byStatus', where: { status: 'open' } })).toBe(3);
    expect(await events.count({ filter: { 'payload.n': { gte: 100 } } })).toBe(20);
  });

  it('rejects a segment without totalSegments', async () => {
    await expect(events.scan({ segment: 1 })).rejects.toMatchObject({
      issues: [{ rule: 'segments' }],
    });
  });
});
