import { describe, expect, expectTypeOf, it } from 'vitest';
import { OrderTable, UserTable } from '../../test/support/tables.js';
import * as attr from '../schema/attr.js';
import { defineTable } from '../schema/define-table.js';
import type { ItemOf, TypesOf } from '../schema/types.js';
import { TableClient } from './table-client.js';

const Tasks = defineTable({
  name: 'tasks',
  partitionKey: 'owner',
  sortKey: 'task_id',
  attributes: {
    owner: attr.string(),
    task_id: attr.string(),
    title: attr.string(),
    due: attr.datetime(),
    status: attr.string().default('pending'),
    note: attr.string().optional(),
  },
  globalSecondaryIndexes: {
    keys: { partitionKey: 'owner', sortKey: 'due', projection: 'keys' },
    include: { partitionKey: 'owner', sortKey: 'title', projection: ['status', 'note'] },
    all: { partitionKey: 'owner', sortKey: 'due', projection: 'all' },
  },
  localSecondaryIndexes: {
    byStatus: { sortKey: 'status', projection: ['title'] },
    byDue: { sortKey: 'due' },
  },
});
const tasks = new TableClient(Tasks, { tableName: 'types-only' });

// These tests pin types: the calls inside the closures are compiled, never run.
const orders = new TableClient(OrderTable, { tableName: 'types-only' });
const users = new TableClient(UserTable, { tableName: 'types-only' });

describe('TableClient types', () => {
  it('infers items, keys and put inputs from the definition', () => {
    expectTypeOf(users.get).returns.resolves.toEqualTypeOf<ItemOf<typeof UserTable> | undefined>();
    expectTypeOf(users.put).parameter(0).toHaveProperty('created_at').toEqualTypeOf<Date>();
    expectTypeOf(users.put).returns.resolves.toEqualTypeOf<ItemOf<typeof UserTable>>();
    expectTypeOf(users.delete).parameter(0).toEqualTypeOf<{ user_id: string }>();
  });

  it('narrows a projected read to the listed attributes', () => {
    const read = () => users.get({ user_id: 'u' }, { projection: ['name', 'status'] });
    expectTypeOf(read).returns.resolves.toEqualTypeOf<
      { name: string; status: string } | undefined
    >();
  });

  it('requires the partition key in a query and accepts only key attributes of the table or index', () => {
    const typed = () => {
      orders.query({ where: { customer: 'c', order_id: { beginsWith: 'o' } } });
      orders.query({
        index: 'byStatus',
        where: { status: 'paid', placed_at: { gte: new Date() } },
      });
      orders.query({ index: 'byName', where: { customer: 'c', name: { between: ['a', 'b'] } } });
      // @ts-expect-error the partition key is required
      orders.query({ where: { order_id: 'o' } });
      // @ts-expect-error name is not a key of the table
      orders.query({ where: { customer: 'c', name: 'x' } });
      // @ts-expect-error the status index is keyed by status, not customer
      orders.query({ index: 'byStatus', where: { customer: 'c' } });
      // @ts-expect-error no such index
      orders.query({ index: 'nope', where: { customer: 'c' } });
      // @ts-expect-error partition keys take equality only
      orders.query({ where: { customer: { beginsWith: 'c' } } });
    };
    expect(typed).toBeTypeOf('function');
  });

  it('types index reads by what the index copies', () => {
    const keysOnly = () => tasks.query({ index: 'keys', where: { owner: 'o' } });
    expectTypeOf(keysOnly).returns.resolves.toEqualTypeOf<{
      readonly items: { owner: string; task_id: string; due: Date }[];
      readonly cursor?: string;
    }>();
    const included = () => tasks.query({ index: 'include', where: { owner: 'o' } });
    expectTypeOf(included)
      .returns.resolves.toHaveProperty('items')
      .toEqualTypeOf<
        { owner: string; task_id: string; title: string; status: string; note?: string }[]
      >();
    const all = () => tasks.query({ index: 'all', where: { owner: 'o' } });
    expectTypeOf(all)
      .returns.resolves.toHaveProperty('items')
      .toEqualTypeOf<ItemOf<typeof Tasks>[]>();
    const table = () => tasks.query({ where: { owner: 'o' } });
    expectTypeOf(table)
      .returns.resolves.toHaveProperty('items')
      .toEqualTypeOf<ItemOf<typeof Tasks>[]>();
    const narrowed = () =>
      tasks.query({ index: 'include', where: { owner: 'o' }, projection: ['status', 'due'] });
    expectTypeOf(narrowed)
      .returns.resolves.toHaveProperty('items')
      .toEqualTypeOf<{ status: string }[]>();
    const scanned = () => tasks.scan({ index: 'keys' });
    expectTypeOf(scanned)
      .returns.resolves.toHaveProperty('items')
      .toEqualTypeOf<{ owner: string; task_id: string; due: Date }[]>();
  });

  it('takes explicit type arguments in one order everywhere: index, then projected attributes', () => {
    const queried = () =>
      tasks.query<'include', 'status'>({
        index: 'include',
        where: { owner: 'o' },
        projection: ['status'],
      });
    const scanned = () =>
      tasks.scan<'include', 'status'>({ index: 'include', projection: ['status'] });
    const scannedAll = () =>
      tasks.scanAll<'include', 'status'>({ index: 'include', projection: ['status'] });
    expectTypeOf(queried)
      .returns.resolves.toHaveProperty('items')
      .toEqualTypeOf<{ status: string }[]>();
    expectTypeOf(scanned)
      .returns.resolves.toHaveProperty('items')
      .toEqualTypeOf<{ status: string }[]>();
    expectTypeOf(scannedAll).returns.toEqualTypeOf<AsyncIterable<{ status: string }>>();
  });

  it('records each index projection from defineTable (keys-only GSI, INCLUDE LSI)', () => {
    expectTypeOf<TypesOf<typeof Tasks>['indexes']['keys']>().toEqualTypeOf<{
      partitionKey: 'owner';
      sortKey: 'due';
      projection: 'keys';
    }>();
    expectTypeOf<TypesOf<typeof Tasks>['indexes']['byStatus']>().toEqualTypeOf<{
      partitionKey: 'owner';
      sortKey: 'status';
      projection: readonly ['title'];
    }>();
    expectTypeOf<TypesOf<typeof Tasks>['indexes']['byDue']['projection']>().toEqualTypeOf<'all'>();
    const included = () => tasks.query({ index: 'byStatus', where: { owner: 'o' } });
    expectTypeOf(included)
      .returns.resolves.toHaveProperty('items')
      .toEqualTypeOf<{ owner: string; task_id: string; status: string; title: string }[]>();
    const scannedLocal = () => tasks.scan({ index: 'byStatus' });
    expectTypeOf(scannedLocal)
      .returns.resolves.toHaveProperty('items')
      .toEqualTypeOf<{ owner: string; task_id: string; status: string; title: string }[]>();
    const defaulted = () => tasks.query({ index: 'byDue', where: { owner: 'o' } });
    expectTypeOf(defaulted)
      .returns.resolves.toHaveProperty('items')
      .toEqualTypeOf<ItemOf<typeof Tasks>[]>();
  });

  it('types transactGet results per operation', async () => {
    const read = async () => {
      const { transactGet } = await import('./actions/transact-get.js');
      return transactGet([
        users.transaction.get({ user_id: 'u' }),
        orders.transaction.get({ customer: 'c', order_id: 'o' }),
      ]);
    };
    expectTypeOf(read).returns.resolves.toEqualTypeOf<
      [ItemOf<typeof UserTable> | undefined, ItemOf<typeof OrderTable> | undefined]
    >();
    expect(read).toBeTypeOf('function');
  });
});
