import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConditionFailedError,
  TableClient,
  TableNotFoundError,
  ValidationError,
  VersionConflictError,
} from '../src/index.js';
import { createTable, localClient } from './support/dynamodb.js';
import { OrderTable, UserStatsTable, UserTable } from './support/tables.js';

let client: DynamoDBClient;
let users: TableClient<typeof UserTable>;
let stats: TableClient<typeof UserStatsTable>;
let orders: TableClient<typeof OrderTable>;

beforeAll(async () => {
  client = localClient();
  users = new TableClient(UserTable, { client, tableName: await createTable(client, UserTable) });
  stats = new TableClient(UserStatsTable, {
    client,
    tableName: await createTable(client, UserStatsTable),
  });
  orders = new TableClient(OrderTable, {
    client,
    tableName: await createTable(client, OrderTable),
  });
});
afterAll(() => client.destroy());

const createdAt = new Date('2026-03-01T10:00:00.000Z');

describe('put and get', () => {
  it('stores the validated item with defaults and reads it back typed', async () => {
    const stored = await users.put({
      user_id: 'u1',
      email: 'ada@example.com',
      name: 'Ada',
      created_at: createdAt,
    });
    expect(stored).toEqual({
      user_id: 'u1',
      email: 'ada@example.com',
      name: 'Ada',
      status: 'pending',
      created_at: createdAt,
    });
    const read = await users.get({ user_id: 'u1' }, { consistentRead: true });
    expect(read).toEqual(stored);
    expect(read?.created_at).toBeInstanceOf(Date);
  });

  it('returns undefined for a missing item', async () => {
    expect(await users.get({ user_id: 'nobody' })).toBeUndefined();
  });

  it('projects the listed attributes only (reserved words included)', async () => {
    await users.put({
      user_id: 'u2',
      email: 'bo@example.com',
      name: 'Bo',
      status: 'active',
      created_at: createdAt,
    });
    const read = await users.get({ user_id: 'u2' }, { projection: ['name', 'status'] });
    expect(read).toEqual({ name: 'Bo', status: 'active' });
  });

  it('throws one ValidationError listing every bad field before any request', async () => {
    const sent: string[] = [];
    const spy = new TableClient(UserTable, {
      client: recordingClient(client, sent),
      tableName: users.tableName,
    });
    const error = await spy
      .put({ user_id: 'u3', email: 42, created_at: 'not a date' } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).issues.map((issue) => issue.path).sort();
    expect(paths).toEqual(['created_at', 'email', 'name']);
    expect(sent).toEqual([]);
  });

  it('refuses to overwrite with mustNotExist, carrying the stored item', async () => {
    const error = await users
      .put(
        { user_id: 'u1', email: 'x@example.com', name: 'X', created_at: createdAt },
        { mustNotExist: true },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect((error as ConditionFailedError).code).toBe('CONDITION_FAILED');
    expect((error as ConditionFailedError).item).toMatchObject({ user_id: 'u1', name: 'Ada' });
    expect((error as Error).cause).toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect((await users.get({ user_id: 'u1' }))?.name).toBe('Ada');
  });

  it('writes only when the condition holds on the stored item', async () => {
    await users.put({ user_id: 'u4', email: 'c@example.com', name: 'Cy', created_at: createdAt });
    await expect(
      users.put(
        {
          user_id: 'u4',
          email: 'c@example.com',
          name: 'Cy',
          status: 'active',
          created_at: createdAt,
        },
        { condition: { status: 'active' } },
      ),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    const updated = await users.put(
      {
        user_id: 'u4',
        email: 'c@example.com',
        name: 'Cy',
        status: 'active',
        created_at: createdAt,
      },
      { condition: { status: 'pending', name: { beginsWith: 'C' } } },
    );
    expect(updated.status).toBe('active');
  });

  it('names the table and the variable to set when the table does not exist', async () => {
    const missing = new TableClient(UserTable, { client, tableName: 'no-such-table' });
    const error = await missing.get({ user_id: 'u1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TableNotFoundError);
    expect((error as Error).message).toContain('DAVINCI_TABLE_USERS');
  });
});

describe('update', () => {
  it('sets, adds and removes atomically, returning the new item and bumping updatedAt', async () => {
    const before = await stats.put({
      stat_key: 'global',
      updated_at: new Date('2020-01-01T00:00:00Z'),
    });
    expect(before.total_users).toBe(0);
    const after = await stats.update(
      { stat_key: 'global' },
      { add: { total_users: 2, active_users: 1 } },
    );
    expect(after.total_users).toBe(2);
    expect(after.active_users).toBe(1);
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
  });

  it('100 parallel increments of one counter end at exactly 100', async () => {
    await Promise.all(
      Array.from({ length: 100 }, () =>
        stats.update({ stat_key: 'parallel' }, { add: { total_users: 1 } }),
      ),
    );
    expect((await stats.get({ stat_key: 'parallel' }, { consistentRead: true }))?.total_users).toBe(
      100,
    );
  });

  it('updates reserved words and nested paths, appends and prepends, adds to and deletes from sets', async () => {
    const key = { customer: 'c1', order_id: 'o-upd' };
    await orders.put({
      ...key,
      name: 'first',
      placed_at: createdAt,
      address: { city: 'Oslo', lines: ['a'] },
      tags: ['b'],
      labels: new Set(['x', 'y']),
      note: 'remove me',
    });
    const updated = await orders.update(key, {
      set: { name: 'renamed', status: 'paid', 'address.city': 'Bergen' },
      add: { count: 5, scores: new Set([1, 2]) },
      append: { tags: ['c'] },
      prepend: { 'address.lines': ['z'] } as never,
      delete: { labels: new Set(['x']) },
      remove: ['note'],
      setIfNotExists: { size: 3 },
    });
    expect(updated).toMatchObject({
      name: 'renamed',
      status: 'paid',
      count: 5,
      size: 3,
      tags: ['b', 'c'],
      address: { city: 'Bergen', lines: ['z', 'a'] },
    });
    expect(updated.scores).toEqual(new Set([1, 2]));
    expect(updated.labels).toEqual(new Set(['y']));
    expect(updated.note).toBeUndefined();
  });

  it('refuses to update key attributes or wrongly typed values, before any request', async () => {
    const key = { customer: 'c1', order_id: 'o-upd' };
    const error = await orders
      .update(key, { set: { order_id: 'other', count: 'many' } } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.rule).sort()).toEqual([
      'key-attribute',
      'type',
    ]);
  });

  it('fails with ConditionFailedError when the condition does not hold', async () => {
    const error = await stats
      .update(
        { stat_key: 'global' },
        { add: { total_users: 1 } },
        { condition: { total_users: { gt: 100 } } },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect((error as ConditionFailedError).item).toMatchObject({
      stat_key: 'global',
      total_users: 2,
    });
  });
});

describe('delete', () => {
  it('returns the deleted item, or undefined when there was none', async () => {
    await users.put({ user_id: 'gone', email: 'g@example.com', name: 'G', created_at: createdAt });
    expect(await users.delete({ user_id: 'gone' })).toMatchObject({ user_id: 'gone', name: 'G' });
    expect(await users.delete({ user_id: 'gone' })).toBeUndefined();
  });

  it('deletes only when the condition holds', async () => {
    await users.put({ user_id: 'kept', email: 'k@example.com', name: 'K', created_at: createdAt });
    await expect(
      users.delete({ user_id: 'kept' }, { condition: { status: 'active' } }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    expect(await users.get({ user_id: 'kept' })).toMatchObject({ user_id: 'kept', name: 'K' });
  });
});

describe('items that no longer fit the definition', () => {
  // Written behind the definition's back (another tool, an older schema): a stored value of the
  // wrong type. The write still happens, so it must not be reported as failed.
  const legacy = async (user_id: string) => {
    await client.send(
      new PutItemCommand({
        TableName: users.tableName,
        Item: {
          user_id: { S: user_id },
          email: { S: 'old@example.com' },
          name: { N: '42' },
          status: { S: 'active' },
          created_at: { S: '2026-03-01T10:00:00.000Z' },
        },
      }),
    );
  };

  it('delete returns the deleted item, unfit attributes as their plain stored value', async () => {
    await legacy('legacy-delete');
    const removed = await users.delete({ user_id: 'legacy-delete' });
    expect(removed).toEqual({
      user_id: 'legacy-delete',
      email: 'old@example.com',
      name: 42,
      status: 'active',
      created_at: createdAt,
    });
    expect(await users.get({ user_id: 'legacy-delete' }, { consistentRead: true })).toBeUndefined();
  });

  it('update applies and returns the new item without throwing', async () => {
    await legacy('legacy-update');
    const updated = await users.update({ user_id: 'legacy-update' }, { set: { status: 'gone' } });
    expect(updated).toMatchObject({ user_id: 'legacy-update', name: 42, status: 'gone' });
    const raw = await client.send(
      new GetItemCommand({
        TableName: users.tableName,
        Key: { user_id: { S: 'legacy-update' } },
        ConsistentRead: true,
      }),
    );
    expect(raw.Item?.status).toEqual({ S: 'gone' });
  });
});

describe('optimistic locking', () => {
  it('puts a new item at version 1 and bumps the version on every write', async () => {
    const key = { customer: 'lock', order_id: 'o1' };
    const created = await orders.put({ ...key, name: 'n', placed_at: createdAt });
    expect(created.version).toBe(1);
    const second = await orders.put({ ...created, name: 'n2' });
    expect(second.version).toBe(2);
    const third = await orders.update(key, { set: { name: 'n3' } }, { expectedVersion: 2 });
    expect(third.version).toBe(3);
  });

  it('a stale write is a VersionConflictError, distinct from a failed condition', async () => {
    const key = { customer: 'lock', order_id: 'o2' };
    const read = await orders.put({ ...key, name: 'n', placed_at: createdAt });
    await orders.put({ ...read, name: 'winner' });
    const stale = await orders.put({ ...read, name: 'loser' }).catch((caught: unknown) => caught);
    expect(stale).toBeInstanceOf(VersionConflictError);
    expect(stale).toMatchObject({ code: 'VERSION_CONFLICT', expectedVersion: 1, actualVersion: 2 });

    const again = await orders
      .put({ ...key, name: 'new', placed_at: createdAt })
      .catch((caught: unknown) => caught);
    expect(again).toMatchObject({
      code: 'VERSION_CONFLICT',
      expectedVersion: undefined,
      actualVersion: 2,
    });

    const staleUpdate = await orders
      .update(key, { set: { name: 'x' } }, { expectedVersion: 1 })
      .catch((caught: unknown) => caught);
    expect(staleUpdate).toBeInstanceOf(VersionConflictError);

    const conditionOnly = await orders
      .update(key, { set: { name: 'x' } }, { expectedVersion: 2, condition: { status: 'shipped' } })
      .catch((caught: unknown) => caught);
    expect(conditionOnly).toBeInstanceOf(ConditionFailedError);
    expect((await orders.get(key))?.name).toBe('winner');
  });
});

describe('optimistic locking on delete', () => {
  it('deletes only the expected version', async () => {
    const key = { customer: 'lock', order_id: 'o3' };
    await orders.put({ ...key, name: 'n', placed_at: createdAt });
    const stale = await orders
      .delete(key, { expectedVersion: 7 })
      .catch((caught: unknown) => caught);
    expect(stale).toMatchObject({ code: 'VERSION_CONFLICT', expectedVersion: 7, actualVersion: 1 });
    expect(await orders.delete(key, { expectedVersion: 1 })).toMatchObject({
      name: 'n',
      version: 1,
    });
  });
});

/** Wraps a client so a test can see whether anything was sent. */
function recordingClient(inner: DynamoDBClient, sent: string[]): DynamoDBClient {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'send') {
        return (command: { constructor: { name: string } }) => {
          sent.push(command.constructor.name);
          return target.send(command as never);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
