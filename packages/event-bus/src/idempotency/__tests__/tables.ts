import { randomUUID } from 'node:crypto';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableSchema } from '@davinci/orm';

/** A client for the DynamoDB Local the vitest global setup started. */
export const localDynamoDb = (): DynamoDBClient =>
  new DynamoDBClient({
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/** Creates a table from a definition's `schema` under a unique name; resolves with that name. */
export async function createTableFor(client: DynamoDBClient, schema: TableSchema): Promise<string> {
  const tableName = `${schema.name}-${randomUUID().slice(0, 8)}`;
  const attributes = new Map<string, AttributeDefinition>();
  const define = (key: { name: string; type: 'S' | 'N' | 'B' }) =>
    attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  define(schema.partitionKey);
  if (schema.sortKey) define(schema.sortKey);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: schema.partitionKey.name, KeyType: 'HASH' },
        ...(schema.sortKey
          ? [{ AttributeName: schema.sortKey.name, KeyType: 'RANGE' as const }]
          : []),
      ],
      AttributeDefinitions: [...attributes.values()],
    }),
  );
  if (schema.timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: schema.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
  return tableName;
}
