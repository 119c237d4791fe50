import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  ConditionFailedError,
  defineTable,
  TableClient,
  UpdateCannotCreateError,
} from '../src/index.js';
import { createTable, localClient } from './support/dynamodb.js';
import { UserStatsTable, UserTable } from './support/tables.js';

/** Counters with both timestamps, and a required set. */
const PageTable = defineTable({
  name: 'pages',
  partitionKey: 'path',
  attributes: {
    path: attr.string(),
    views: attr.number().default(0),
    tags: attr.stringSet(),
    created_at: attr.datetime(),
    updated_at: attr.datetime(),
  },
  timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' },
});

let client: DynamoDBClient;
let users: TableClient<typeof UserTable>;
let stats: TableClient<typeof UserStatsTable>;
let pages: TableClient<typeof PageTable>;

beforeAll(async () => {
  client = localClient();
  users = new TableClient(UserTable, { client, tableName: await createTable(client, UserTable) });
  stats = new TableClient(UserStatsTable, {
    client,
    tableName: await createTable(client, UserStatsTable),
  });
  pages = new TableClient(PageTable, { client, tableName: await createTable(client, PageTable) });
});
afterAll(() => client.destroy());

/** The item as DynamoDB stores it, bypassing the definition. */
async function storedRaw(table: { tableName: string }, key: Record<string, string>) {
  const output = await client.send(
    new GetItemCommand({
      TableName: table.tableName,
      Key: Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: value }])),
      ConsistentRead: true,
    }),
  );
  return output.Item;
}

describe('an update that would create an item', () => {
  it('is refused when the new item would lack a required attribute without a default', async () => {
    const error = await users
      .update({ user_id: 'ghost' }, { set: { status: 'active' } })
      .catch((caught: unknown) => caught);
    // The caller wrote no condition: the error says the item is missing and what it would lack.
    expect(error).toBeInstanceOf(UpdateCannotCreateError);
    expect(error).toMatchObject({
      name: 'UpdateCannotCreateError',
      code: 'UPDATE_CANNOT_CREATE',
      missingAttributes: ['email', 'name', 'created_at'],
      key: { user_id: 'ghost' },
    });
    expect((error as Error).message).toBe(
      `${users.tableName}: the item does not exist, and this update cannot create it: it does not write the required attributes email, name, created_at`,
    );
    expect(await storedRaw(users, { user_id: 'ghost' })).toBeUndefined();
    // An existing item is still updated.
    await users.put({ user_id: 'real', email: 'r@example.com', name: 'R', created_at: new Date() });
    expect(await users.update({ user_id: 'real' }, { set: { status: 'active' } })).toMatchObject({
      user_id: 'real',
      name: 'R',
      status: 'active',
    });
  });

  it('names only the required attributes the update leaves out', async () => {
    const error = await users
      .update({ user_id: 'ghost-2' }, { set: { email: 'g@example.com', name: 'G' } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'UPDATE_CANNOT_CREATE',
      missingAttributes: ['created_at'],
    });
    expect((error as Error).message).toMatch(/does not write the required attribute created_at$/);
  });

  it('is a ConditionFailedError with mustExist, the caller having asked for an existing item', async () => {
    const error = await users
      .update({ user_id: 'ghost-3' }, { set: { status: 'active' } }, { mustExist: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConditionFailedError);
    expect(error).toMatchObject({ code: 'CONDITION_FAILED', item: undefined });
    // "No item" is about the key, not the write: the stored item did not exist beforehand.
    expect((error as Error).message).toBe(
      `${users.tableName}: the condition of the write did not hold (there is no item with this key)`,
    );
  });

  it('creates it when the update writes every required attribute without a default', async () => {
    const createdAt = new Date('2026-05-01T00:00:00.000Z');
    const created = await users.update(
      { user_id: 'by-update' },
      { set: { email: 'u@example.com', name: 'U', created_at: createdAt } },
    );
    expect(created).toEqual({
      user_id: 'by-update',
      email: 'u@example.com',
      name: 'U',
      status: 'pending',
      created_at: createdAt,
    });
  });

  it('keeps atomic counters upserting', async () => {
    for (let i = 0; i < 2; i++) {
      await stats.update(
        { stat_key: 'global' },
        { add: { total_users: 1 }, set: { updated_at: new Date() } },
      );
    }
    await stats.update({ stat_key: 'global' }, { add: { active_users: 1 } });
    expect(await stats.get({ stat_key: 'global' }, { consistentRead: true })).toMatchObject({
      total_users: 2,
      active_users: 1,
    });
  });

  it('sets the createdAt timestamp once (if_not_exists) and updatedAt every time', async () => {
    const first = new Date('2026-06-01T00:00:00.000Z');
    const second = new Date('2026-06-02T00:00:00.000Z');
    const created = await pages.update({ path: '/home' }, { add: { views: 1 } }, { now: first });
    expect(created).toEqual({
      path: '/home',
      views: 1,
      tags: new Set(),
      created_at: first,
      updated_at: first,
    });
    const updated = await pages.update({ path: '/home' }, { add: { views: 1 } }, { now: second });
    expect(updated).toMatchObject({ views: 2, created_at: first, updated_at: second });
  });
});

describe('an empty set in an update', () => {
  it('removes the set attribute, even a required one (it reads back as an empty Set)', async () => {
    await pages.put({ path: '/tagged', tags: new Set(['a', 'b']) });
    const updated = await pages.update({ path: '/tagged' }, { set: { tags: new Set() } });
    expect(updated.tags).toEqual(new Set());
    expect((await storedRaw(pages, { path: '/tagged' }))?.tags).toBeUndefined();
    expect((await pages.get({ path: '/tagged' }, { consistentRead: true }))?.tags).toEqual(
      new Set(),
    );
  });

  it('adds or deletes nothing when the elements are an empty set', async () => {
    await pages.put({ path: '/kept', tags: new Set(['a']) });
    await pages.update({ path: '/kept' }, { add: { tags: new Set(), views: 1 } });
    const updated = await pages.update(
      { path: '/kept' },
      { delete: { tags: new Set() }, setIfNotExists: { tags: new Set() } },
    );
    expect(updated).toMatchObject({ views: 1, tags: new Set(['a']) });
  });
});
