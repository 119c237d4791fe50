import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from './index.js';

describe('startDynamoDbLocal', () => {
  let db: DynamoDbLocal;
  beforeAll(async () => {
    db = await startDynamoDbLocal();
  }, 60_000);
  afterAll(() => db?.stop());

  it('serves the DynamoDB API on a free loopback port, in memory', async () => {
    const client = new DynamoDBClient({
      endpoint: db.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await client.send(
      new CreateTableCommand({
        TableName: 'probe',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const tables = await client.send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual(['probe']);
    expect(db.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lets no web page use it (CORS allows no real origin)', async () => {
    const preflight = await fetch(db.endpoint, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://page.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
