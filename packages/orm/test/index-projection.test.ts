import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attr, defineTable, TableClient } from '../src/index.js';
import { createTable, localClient } from './support/dynamodb.js';

/** Indexes that copy only keys, keys plus one attribute, and everything. */
const TaskTable = defineTable({
  name: 'tasks',
  partitionKey: 'owner',
  sortKey: 'task_id',
  attributes: {
    owner: attr.string(),
    task_id: attr.string(),
    title: attr.string(),
    due: attr.datetime(),
    status: attr.string().default('pending'),
    tags: attr.stringSet(),
    note: attr.string().optional(),
  },
  globalSecondaryIndexes: {
    byDueKeys: { partitionKey: 'owner', sortKey: 'due', projection: 'keys' },
    byTitleWithStatus: { partitionKey: 'owner', sortKey: 'title', projection: ['status'] },
    byDueAll: { partitionKey: 'owner', sortKey: 'due' },
  },
  localSecondaryIndexes: { byDueLocal: { sortKey: 'due', projection: 'keys' } },
});

let client: DynamoDBClient;
let tasks: TableClient<typeof TaskTable>;
const due = new Date('2026-07-01T09:00:00.000Z');
const task = {
  owner: 'ada',
  task_id: 't1',
  title: 'write',
  due,
  status: 'active',
  tags: new Set(['x']),
  note: 'n',
};

beforeAll(async () => {
  client = localClient();
  tasks = new TableClient(TaskTable, { client, tableName: await createTable(client, TaskTable) });
  await tasks.put(task);
});
afterAll(() => client.destroy());

describe('reads through an index that does not copy every attribute', () => {
  const keysOnly = { owner: 'ada', task_id: 't1', due };

  it('return only the keys of a keys-only index: no defaults made up for the rest', async () => {
    const page = await tasks.query({ index: 'byDueKeys', where: { owner: 'ada' } });
    expect(page.items).toEqual([keysOnly]);
    const local = await tasks.query({ index: 'byDueLocal', where: { owner: 'ada' } });
    expect(local.items).toEqual([keysOnly]);
    expect((await tasks.scan({ index: 'byDueKeys' })).items).toEqual([keysOnly]);
    const all: unknown[] = [];
    for await (const item of tasks.scanAll({ index: 'byDueLocal' })) all.push(item);
    expect(all).toEqual([keysOnly]);
  });

  it('return the keys and the included attributes of an include index', async () => {
    const page = await tasks.query({ index: 'byTitleWithStatus', where: { owner: 'ada' } });
    expect(page.items).toEqual([{ owner: 'ada', task_id: 't1', title: 'write', status: 'active' }]);
  });

  it('return the whole item through an index that copies everything', async () => {
    const page = await tasks.query({ index: 'byDueAll', where: { owner: 'ada' } });
    expect(page.items).toEqual([task]);
  });

  it('narrow further with a projection', async () => {
    const page = await tasks.query({
      index: 'byTitleWithStatus',
      where: { owner: 'ada' },
      projection: ['status'],
    });
    expect(page.items).toEqual([{ status: 'active' }]);
  });
});
