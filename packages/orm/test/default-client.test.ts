import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoDbLocal, startDynamoDbLocal } from '@davinci/dynamodb-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  defaultDynamoDBClient,
  defineTable,
  getItem,
  putItem,
  resetDefaultDynamoDBClient,
  table,
} from '../src/index.js';
import { createTable } from './support/dynamodb.js';

const NoteTable = defineTable({
  name: 'notes',
  partitionKey: 'note_id',
  attributes: { note_id: attr.string(), text: attr.string() },
});

/** Two DynamoDB Locals, as two sandboxes started one after the other in one process are. */
let first: DynamoDbLocal;
let second: DynamoDbLocal;
const inherited = process.env.AWS_ENDPOINT_URL_DYNAMODB;

beforeAll(async () => {
  [first, second] = await Promise.all([startDynamoDbLocal(), startDynamoDbLocal()]);
  for (const instance of [first, second]) {
    const client = new DynamoDBClient({ endpoint: instance.endpoint });
    await createTable(client, NoteTable, 'notes');
    client.destroy();
  }
});
afterAll(async () => {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = inherited;
  resetDefaultDynamoDBClient();
  await Promise.all([first?.stop(), second?.stop()]);
});

async function storedText(endpoint: string, noteId: string): Promise<string | undefined> {
  const client = new DynamoDBClient({ endpoint });
  try {
    const { Item } = await client.send(
      new GetItemCommand({ TableName: 'notes', Key: { note_id: { S: noteId } } }),
    );
    return Item?.text?.S;
  } finally {
    client.destroy();
  }
}

describe('the default client', () => {
  it('follows a changed AWS_ENDPOINT_URL_DYNAMODB, also after the first endpoint stopped', async () => {
    const notes = table(NoteTable); // a handle made once, as a module-level one is
    process.env.AWS_ENDPOINT_URL_DYNAMODB = first.endpoint;
    await putItem(notes, { note_id: 'n1', text: 'to the first' });
    await first.stop();

    process.env.AWS_ENDPOINT_URL_DYNAMODB = second.endpoint;
    await putItem(notes, { note_id: 'n2', text: 'to the second' });
    expect(await getItem(notes, { note_id: 'n2' })).toEqual({
      note_id: 'n2',
      text: 'to the second',
    });
    expect(await storedText(second.endpoint, 'n2')).toBe('to the second');
    expect(await storedText(second.endpoint, 'n1')).toBeUndefined();
  });

  it('is one client while the configuration stays the same, and a new one after a reset', () => {
    const before = defaultDynamoDBClient();
    expect(defaultDynamoDBClient()).toBe(before);
    resetDefaultDynamoDBClient();
    expect(defaultDynamoDBClient()).not.toBe(before);
  });
});
