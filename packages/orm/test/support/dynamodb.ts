import { randomUUID } from 'node:crypto';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import type { AnyTableDefinition, KeyAttribute, Projection } from '../../src/index.js';

/** A client for the DynamoDB Local the vitest global setup started (via AWS_ENDPOINT_URL_DYNAMODB). */
export function localClient(): DynamoDBClient {
  return new DynamoDBClient({});
}

/** A table name no other test uses: `<logical>-<random>`. */
export function uniqueTableName(definition: { name: string }): string {
  return `${definition.name}-${randomUUID().slice(0, 8)}`;
}

function keySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): KeySchemaElement[] {
  return [
    { AttributeName: partitionKey.name, KeyType: 'HASH' },
    ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
  ];
}

function projection(value: Projection) {
  return {
    ProjectionType: value.type,
    ...(value.nonKeyAttributes?.length ? { NonKeyAttributes: [...value.nonKeyAttributes] } : {}),
  };
}

/** Creates a table exactly as `definition.schema` describes it (what the CDK deploys). */
export async function createTable(
  client: DynamoDBClient,
  definition: AnyTableDefinition,
  tableName = uniqueTableName(definition),
): Promise<string> {
  const { schema } = definition;
  const attributes = new Map<string, AttributeDefinition>();
  const remember = (key?: KeyAttribute) => {
    if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  };
  remember(schema.partitionKey);
  remember(schema.sortKey);
  for (const index of schema.globalSecondaryIndexes) {
    remember(index.partitionKey);
    remember(index.sortKey);
  }
  for (const index of schema.localSecondaryIndexes) remember(index.sortKey);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes.values()],
      KeySchema: keySchema(schema.partitionKey, schema.sortKey),
      ...(schema.globalSecondaryIndexes.length > 0 && {
        GlobalSecondaryIndexes: schema.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: projection(index.projection),
        })),
      }),
      ...(schema.localSecondaryIndexes.length > 0 && {
        LocalSecondaryIndexes: schema.localSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema(schema.partitionKey, index.sortKey),
          Projection: projection(index.projection),
        })),
      }),
    }),
  );
  return tableName;
}

export async function deleteTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
}
