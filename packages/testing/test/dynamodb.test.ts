import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { sdkClients } from './support/clients.js';

let sandbox: Sandbox;
let dynamodb: ReturnType<typeof sdkClients>['dynamodb'];

beforeAll(async () => {
  sandbox = await startSandbox();
  dynamodb = sdkClients(sandbox).dynamodb;
});
afterAll(() => sandbox?.stop());

/**
 * A second sandbox on the same DynamoDB Local, and a client with a key it does not know: its
 * edge checks every request of that key (`warn` then serves them, `enforce` refuses them).
 */
async function checkingSandbox(iam: 'warn' | 'enforce') {
  const checking = await startSandbox({
    iam,
    dynamodb: { endpoint: sandbox.dynamodb?.upstreamEndpoint as string },
  });
  const stranger = new DynamoDBClient({
    endpoint: checking.endpoint,
    region: checking.region,
    credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  return { checking, stranger };
}

describe('DynamoDB through the edge', () => {
  it('creates a table, puts and gets an item', async () => {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'users',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    expect(
      (await dynamodb.send(new DescribeTableCommand({ TableName: 'users' }))).Table?.TableStatus,
    ).toBe('ACTIVE');
    await dynamodb.send(
      new PutItemCommand({
        TableName: 'users',
        Item: { pk: { S: 'user#1' }, sk: { S: 'profile' }, name: { S: 'Ada' }, age: { N: '36' } },
      }),
    );
    const { Item } = await dynamodb.send(
      new GetItemCommand({
        TableName: 'users',
        Key: { pk: { S: 'user#1' }, sk: { S: 'profile' } },
      }),
    );
    expect(Item).toEqual({
      pk: { S: 'user#1' },
      sk: { S: 'profile' },
      name: { S: 'Ada' },
      age: { N: '36' },
    });
  });

  it('relays large answers intact', async () => {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'blobs',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'n', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'n', KeyType: 'RANGE' },
        ],
      }),
    );
    const payload = 'x'.repeat(300_000);
    for (let n = 0; n < 3; n++) {
      await dynamodb.send(
        new PutItemCommand({
          TableName: 'blobs',
          Item: { pk: { S: 'p' }, n: { N: String(n) }, data: { S: payload } },
        }),
      );
    }
    const { Items = [] } = await dynamodb.send(
      new QueryCommand({
        TableName: 'blobs',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'p' } },
      }),
    );
    expect(Items.map((item) => item.data?.S?.length)).toEqual([300_000, 300_000, 300_000]);
  });

  it('maps DynamoDB errors through unchanged', async () => {
    await expect(
      dynamodb.send(new GetItemCommand({ TableName: 'missing', Key: { pk: { S: 'x' } } })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('relays to an existing DynamoDB endpoint when given one', async () => {
    const upstream = sandbox.dynamodb?.upstreamEndpoint;
    expect(upstream).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(upstream).not.toBe(sandbox.endpoint);
    const relaying = await startSandbox({ dynamodb: { endpoint: upstream as string } });
    try {
      const other = sdkClients(relaying).dynamodb;
      const { TableNames } = await other.send(new ListTablesCommand({}));
      expect(TableNames).toContain('users');
    } finally {
      await relaying.stop();
    }
    // Stopping the relaying sandbox leaves the DynamoDB it did not start running.
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toContain('users');
  });

  it('relays requests that IAM reads whole just as intact: large answers, errors', async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { checking, stranger } = await checkingSandbox('warn');
    try {
      const { Items = [] } = await stranger.send(
        new QueryCommand({
          TableName: 'blobs',
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': { S: 'p' } },
        }),
      );
      expect(Items.map((item) => item.data?.S?.length)).toEqual([300_000, 300_000, 300_000]);
      await expect(
        stranger.send(new GetItemCommand({ TableName: 'missing', Key: { pk: { S: 'x' } } })),
      ).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        $metadata: { httpStatusCode: 400 },
      });
      expect(warnings.mock.calls.flat().join('\n')).toContain(
        'IAM would refuse (iam: warn) the unknown access key AKIASTRANGER',
      );
    } finally {
      stranger.destroy();
      await checking.stop();
      warnings.mockRestore();
    }
  });

  it('never serves a request it refuses, and keeps serving', async () => {
    const { checking, stranger } = await checkingSandbox('enforce');
    try {
      for (let n = 0; n < 20; n++) {
        await expect(
          stranger.send(
            new PutItemCommand({
              TableName: 'users',
              Item: { pk: { S: `refused#${n}` }, sk: { S: 'profile' } },
            }),
          ),
        ).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
      }
      const own = sdkClients(checking).dynamodb;
      const { Item } = await own.send(
        new GetItemCommand({
          TableName: 'users',
          Key: { pk: { S: 'refused#0' }, sk: { S: 'profile' } },
        }),
      );
      expect(Item).toBeUndefined();
      const { Count } = await own.send(
        new QueryCommand({
          TableName: 'users',
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': { S: 'refused#19' } },
        }),
      );
      expect(Count).toBe(0);
    } finally {
      stranger.destroy();
      await checking.stop();
    }
  });

  it('stops DynamoDB Local with the sandbox', async () => {
    const own = await startSandbox();
    const upstream = own.dynamodb?.upstreamEndpoint as string;
    await own.stop();
    await expect(fetch(upstream)).rejects.toThrow();
  });

  it('keeps web pages away from DynamoDB Local (CORS allows no real origin)', async () => {
    const preflight = await fetch(sandbox.dynamodb?.upstreamEndpoint as string, {
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
