import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import * as attr from './attr.js';
import { defineTable } from './define-table.js';
import type { TableSchema } from './table-schema.js';
import type { PutInputOf } from './types.js';

// Every attribute type through real DynamoDB Local: PutItem of toItem(...), GetItem → fromItem(...).
const Everything = defineTable({
  name: 'everything',
  partitionKey: 'tenant_user',
  sortKey: 'created_at',
  attributes: {
    tenant_user: attr.compositeString(['tenant', 'user_id'], { separator: '#' }),
    created_at: attr.datetime(),
    name: attr.string(),
    count: attr.number(),
    active: attr.boolean(),
    expires_at: attr.datetime({ storage: 'epochSeconds' }),
    profile: attr.json(),
    settings: attr.jsonString(),
    aliases: attr.stringList(),
    scores: attr.numberList(),
    events: attr.jsonList(),
    snapshots: attr.jsonStringList(),
    labels: attr.stringSet(),
    lucky: attr.numberSet(),
    status: attr.literal('pending', 'active').default('pending'),
    level: attr.enum([1, 2, 3]),
    nickname: attr.string().optional(),
    retries: attr.number().default(() => 0),
  },
  timeToLive: 'expires_at',
  globalSecondaryIndexes: { byStatus: { partitionKey: 'status', sortKey: 'created_at' } },
});

const uuid = randomUUID();
const full: PutInputOf<typeof Everything> = {
  tenant_user: { tenant: 'acme-corp#eu\\west', user_id: uuid },
  created_at: new Date('2026-02-03T04:05:06.789Z'),
  name: 'Zoë "Z" O\'Neil — ünïcødé',
  count: -12.375,
  active: false,
  expires_at: new Date('2027-01-01T00:00:42.000Z'),
  profile: {
    address: { city: 'Oslo', zip: '0150' },
    tags: ['a', 'b'],
    score: 9.5,
    ok: true,
    gone: null,
    empty: {},
  },
  settings: { theme: 'dark', sizes: [1, 2], nested: { deep: [null, 'x'] } },
  aliases: ['ada', '', 'ada'],
  scores: [3, 0, -1.5, 1e-7, 2 ** 53 - 1],
  events: [{ type: 'login', at: 1 }, 'text', 42, null, [true, { x: 'y' }]],
  snapshots: [{ v: 1 }, ['list'], 'plain', 7],
  labels: new Set(['red', 'green']),
  lucky: new Set([7, 13, 0.5]),
  status: 'active',
  level: 2,
  nickname: 'Z',
  retries: 3,
};

// Composite keys whose parts end and start with separator characters.
const Pairs = defineTable({
  name: 'pairs',
  partitionKey: 'pair',
  sortKey: 'dashed',
  attributes: {
    pair: attr.compositeString(['a', 'b'], { separator: '::' }),
    dashed: attr.compositeString(['x', 'y'], { separator: '-' }),
    label: attr.string().optional(),
    note: attr.string().optional(),
  },
  globalSecondaryIndexes: { byLabel: { partitionKey: 'label' } },
});

const client = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
const tableName = `schema-round-trip-${randomUUID()}`;

/** Creates a table from a definition's schema, as the infrastructure would. */
async function createTable(name: string, schema: TableSchema): Promise<void> {
  const keys = [
    schema.partitionKey,
    schema.sortKey,
    ...schema.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const definitions = new Map(
    keys.filter((key) => key !== undefined).map((key) => [key.name, key.type]),
  );
  const keySchema = (partition: string, sort?: string) => [
    { AttributeName: partition, KeyType: 'HASH' as const },
    ...(sort ? [{ AttributeName: sort, KeyType: 'RANGE' as const }] : []),
  ];
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...definitions].map(([AttributeName, AttributeType]) => ({
        AttributeName,
        AttributeType,
      })),
      KeySchema: keySchema(schema.partitionKey.name, schema.sortKey?.name),
      // DynamoDB rejects an empty index list.
      ...(schema.globalSecondaryIndexes.length > 0 && {
        GlobalSecondaryIndexes: schema.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema(index.partitionKey.name, index.sortKey?.name),
          Projection: { ProjectionType: index.projection.type },
        })),
      }),
    }),
  );
}

async function putAndGet(input: unknown) {
  const item = Everything.parsePut(input);
  await client.send(new PutItemCommand({ TableName: tableName, Item: Everything.toItem(item) }));
  const { Item } = await client.send(
    new GetItemCommand({ TableName: tableName, Key: Everything.toKey(item), ConsistentRead: true }),
  );
  if (Item === undefined) throw new Error('item not found');
  return { item, raw: Item, read: Everything.fromItem(Item) };
}

const pairsTableName = `schema-pairs-${randomUUID()}`;

beforeAll(() =>
  Promise.all([
    createTable(tableName, Everything.schema),
    createTable(pairsTableName, Pairs.schema),
  ]),
);
afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  await client.send(new DeleteTableCommand({ TableName: pairsTableName }));
  client.destroy();
});

describe('round trip through DynamoDB Local', () => {
  it('every attribute type comes back exactly', async () => {
    const { read } = await putAndGet(full);
    expect(read).toEqual({ ...full, expires_at: new Date('2027-01-01T00:00:42.000Z') });
    expect(read.created_at.getTime()).toBe(full.created_at?.getTime());
    expect(read.tenant_user).toEqual({ tenant: 'acme-corp#eu\\west', user_id: uuid });
    expect(typeof read.count).toBe('number');
    expect(read.scores.every((score) => typeof score === 'number')).toBe(true);
    expect([...read.lucky].every((value) => typeof value === 'number')).toBe(true);
  });

  it('stores each type in its native DynamoDB form', async () => {
    const { raw } = await putAndGet({ ...full, tenant_user: { tenant: 't', user_id: 'native' } });
    expect(raw.tenant_user).toEqual({ S: 't#native' });
    expect(raw.created_at).toEqual({ S: '2026-02-03T04:05:06.789Z' });
    expect(raw.expires_at).toEqual({ N: '1798761642' });
    expect(raw.profile?.M?.address?.M?.city).toEqual({ S: 'Oslo' });
    expect(raw.settings?.S).toBe(JSON.stringify(full.settings));
    expect(raw.labels?.SS?.sort()).toEqual(['green', 'red']);
    expect(raw.level).toEqual({ N: '2' });
  });

  it('optional attributes left out are absent, defaults are stored, empty sets are omitted', async () => {
    const { nickname: _nickname, status: _status, retries: _retries, ...rest } = full;
    const { raw, read } = await putAndGet({
      ...rest,
      tenant_user: { tenant: 't', user_id: 'minimal' },
      labels: new Set(),
      lucky: new Set(),
    });
    expect(Object.keys(raw)).not.toContain('nickname');
    expect(Object.values(raw).some((value) => value.NULL || value.S === 'None')).toBe(false);
    expect(raw.labels).toBeUndefined();
    expect(read).not.toHaveProperty('nickname');
    expect(read.status).toBe('pending');
    expect(read.retries).toBe(0);
    expect(read.labels).toEqual(new Set());
    expect(read.lucky).toEqual(new Set());
  });

  it('json nested to the deepest level the schema allows is accepted by DynamoDB', async () => {
    let profile: Record<string, unknown> = { leaf: 'bottom' };
    for (let level = 0; level < 30; level++) profile = { next: profile };
    const { read } = await putAndGet({
      ...full,
      tenant_user: { tenant: 't', user_id: 'deep' },
      profile,
    });
    expect(read.profile).toEqual(profile);
  });

  it('composite keys with separators, hyphens and UUIDs address the right items', async () => {
    const tenants = ['a', 'a#b', 'a-b', 'a\\', `x-${uuid}`];
    for (const tenant of tenants) {
      await putAndGet({ ...full, tenant_user: { tenant, user_id: uuid } });
    }
    for (const tenant of tenants) {
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: Everything.toKey({
            tenant_user: { tenant, user_id: uuid },
            created_at: full.created_at as Date,
          }),
        }),
      );
      expect(Item && Everything.fromItem(Item).tenant_user.tenant).toBe(tenant);
    }
  });

  it('composite keys that differ only around separator characters are different items', async () => {
    const pairs = [
      { a: 'a:', b: 'b' },
      { a: 'a', b: ':b' },
      { a: 'a::', b: '' },
      { a: '', b: '::a' },
      { a: 'a\\', b: ':b' },
      { a: 'a', b: '\\:b' },
    ];
    const dashed = [
      { x: uuid, y: '-' },
      { x: `${uuid}-`, y: '' },
      { x: '\\', y: `-${uuid}` },
    ];
    const keys = pairs.flatMap((pair) => dashed.map((d) => Pairs.parsePut({ pair, dashed: d })));
    for (const item of keys) {
      await client.send(
        new PutItemCommand({ TableName: pairsTableName, Item: Pairs.toItem(item) }),
      );
    }
    for (const item of keys) {
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: pairsTableName,
          Key: Pairs.toKey(item),
          ConsistentRead: true,
        }),
      );
      expect(Item && Pairs.fromItem(Item)).toEqual(item);
    }
    let stored = 0;
    for (const pair of pairs) {
      const { Count = 0 } = await client.send(
        new QueryCommand({
          TableName: pairsTableName,
          KeyConditionExpression: 'pair = :pk',
          ExpressionAttributeValues: { ':pk': Pairs.toValue('pair', pair) },
          ConsistentRead: true,
        }),
      );
      stored += Count;
    }
    expect(stored).toBe(pairs.length * dashed.length);
  });

  it('an epoch-seconds datetime put returns what DynamoDB gives back', async () => {
    const { item, read } = await putAndGet({
      ...full,
      tenant_user: { tenant: 't', user_id: 'epoch' },
      expires_at: new Date('2027-01-01T00:00:42.750Z'),
    });
    expect(item.expires_at).toEqual(new Date('2027-01-01T00:00:42.000Z'));
    expect(read).toEqual(item);
  });

  it('stored values the definition cannot read are ValidationErrors naming path and rule', async () => {
    const item = Everything.parsePut({ ...full, tenant_user: { tenant: 't', user_id: 'corrupt' } });
    const raw = Everything.toItem(item);
    const readBack = async (changes: Record<string, AttributeValue>) => {
      await client.send(new PutItemCommand({ TableName: tableName, Item: { ...raw, ...changes } }));
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: Everything.toKey(item),
          ConsistentRead: true,
        }),
      );
      return () => Everything.fromItem(Item ?? {});
    };
    const issues = (read: () => unknown) => {
      try {
        read();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).issues.map((issue) => `${issue.path}:${issue.rule}`);
      }
      return [];
    };
    const bytes = new Uint8Array([0, 1, 2]);
    expect(issues(await readBack({ settings: { S: '{"theme":' } }))).toEqual([
      'settings:storedType',
    ]);
    expect(issues(await readBack({ snapshots: { L: [{ S: '[1,' }] } }))).toEqual([
      'snapshots:storedType',
    ]);
    expect(issues(await readBack({ profile: { M: { avatar: { B: bytes } } } }))).toEqual([
      'profile.avatar:storedType',
    ]);
    expect(issues(await readBack({ events: { L: [{ M: { blobs: { BS: [bytes] } } }] } }))).toEqual([
      'events[0].blobs:storedType',
    ]);
  });

  it('empty key values are refused before DynamoDB would refuse them', async () => {
    const key = { pair: { a: 'empty', b: 'keys' }, dashed: { x: 'x', y: 'y' } };
    const send = (Item: Record<string, AttributeValue>) =>
      client.send(new PutItemCommand({ TableName: pairsTableName, Item }));
    // DynamoDB's own rule, for the table's sparse index key as for table keys.
    await expect(send({ ...Pairs.toItem(Pairs.parsePut(key)), label: { S: '' } })).rejects.toThrow(
      /empty string/,
    );
    expect(() => Pairs.parsePut({ ...key, label: '' })).toThrow(/emptyKey/);
    // Absent stays fine (the item is left out of the index), and non-key attributes may be empty.
    await send(Pairs.toItem(Pairs.parsePut({ ...key, note: '' })));
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: pairsTableName,
        Key: Pairs.toKey(key),
        ConsistentRead: true,
      }),
    );
    expect(Item && Pairs.fromItem(Item)).toEqual({ ...key, note: '' });
  });

  it('ISO datetime sort keys order chronologically in a query', async () => {
    const tenant_user = { tenant: 'sorted', user_id: 'u' };
    const times = [
      '2026-01-01T00:00:00.000Z',
      '2025-06-30T23:59:59.999Z',
      '2026-01-01T00:00:00.001Z',
    ];
    for (const time of times) await putAndGet({ ...full, tenant_user, created_at: new Date(time) });
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'tenant_user = :pk',
        ExpressionAttributeValues: { ':pk': Everything.toValue('tenant_user', tenant_user) },
      }),
    );
    expect(Items.map((raw) => Everything.fromItem(raw).created_at.toISOString())).toEqual(
      [...times].sort(),
    );
  });
});
