import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableClient, ValidationError } from '../src/index.js';
import { createTable, localClient } from './support/dynamodb.js';
import { OrderTable } from './support/tables.js';

let client: DynamoDBClient;
let tableName: string;
let orders: TableClient<typeof OrderTable>;
/** Every command the client sends, by name, so a test can tell a refused query sent nothing. */
const sent: string[] = [];

beforeAll(async () => {
  client = localClient();
  client.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  tableName = await createTable(client, OrderTable);
  orders = new TableClient(OrderTable, { client, tableName });
  await orders.put({ customer: 'c', order_id: 'o1', name: 'n', placed_at: new Date() });
});
afterAll(() => client.destroy());

async function refusal(read: () => Promise<unknown>) {
  sent.length = 0;
  const error = await read().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(sent).toEqual([]);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).code).toBe('VALIDATION_FAILED');
  return (error as ValidationError).issues.map(({ path, rule }) => `${path}:${rule}`);
}

describe('empty key values in key conditions', () => {
  it('DynamoDB itself rejects an empty partition key value in a key condition', async () => {
    await expect(
      client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': 'customer' },
          ExpressionAttributeValues: { ':pk': { S: '' } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('refuses an empty partition key before sending, naming the attribute', async () => {
    expect(await refusal(() => orders.query({ where: { customer: '' } }))).toEqual([
      'where.customer:emptyKey',
    ]);
    expect(await refusal(() => orders.query({ where: { customer: { eq: '' } } }))).toEqual([
      'where.customer:emptyKey',
    ]);
    expect(await refusal(() => orders.count({ where: { customer: '' } }))).toEqual([
      'where.customer:emptyKey',
    ]);
  });

  it('refuses an empty sort key value, on the table and on an index', async () => {
    expect(await refusal(() => orders.query({ where: { customer: 'c', order_id: '' } }))).toEqual([
      'where.order_id.eq:emptyKey',
    ]);
    expect(
      await refusal(() =>
        orders.query({ where: { customer: 'c', order_id: { between: ['', 'o9'] } } }),
      ),
    ).toEqual(['where.order_id.between[0]:emptyKey']);
    expect(
      await refusal(() =>
        orders.query({ index: 'byName', where: { customer: 'c', name: { gt: '' } } }),
      ),
    ).toEqual(['where.name.gt:emptyKey']);
    expect(
      await refusal(() => orders.query({ where: { customer: 'c', order_id: { beginsWith: '' } } })),
    ).toEqual(['where.order_id.beginsWith:emptyKey']);
  });

  it('still sends non-empty key values', async () => {
    sent.length = 0;
    const page = await orders.query({ where: { customer: 'c', order_id: { gte: 'o' } } });
    expect(page.items.map((item) => item.order_id)).toEqual(['o1']);
    expect(sent).toEqual(['QueryCommand']);
  });
});
