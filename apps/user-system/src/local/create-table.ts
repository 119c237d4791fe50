import {
  type AttributeDefinition,
  CreateTableCommand,
  type DynamoDBClient,
  type Projection as DynamoProjection,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { KeyAttribute, Projection, TableSchema } from '@davinci/orm';

/** Creates a table as the CDK app would: same keys, indexes, TTL, on-demand billing. */
export async function createTable(
  client: DynamoDBClient,
  tableName: string,
  schema: TableSchema,
): Promise<void> {
  const keys = new Map<string, KeyAttribute>();
  const remember = (key: KeyAttribute | undefined) => {
    if (key) keys.set(key.name, key);
  };
  remember(schema.partitionKey);
  remember(schema.sortKey);
  for (const index of schema.globalSecondaryIndexes) {
    remember(index.partitionKey);
    remember(index.sortKey);
  }
  for (const index of schema.localSecondaryIndexes) remember(index.sortKey);

  const attributeDefinitions: AttributeDefinition[] = [...keys.values()].map((key) => ({
    AttributeName: key.name,
    AttributeType: key.type,
  }));
  const keySchema = (partition: KeyAttribute, sort?: KeyAttribute) => [
    { AttributeName: partition.name, KeyType: 'HASH' as const },
    ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' as const }] : []),
  ];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributeDefinitions,
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
  if (schema.timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: schema.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
}

function projection(value: Projection): DynamoProjection {
  return {
    ProjectionType: value.type,
    ...(value.nonKeyAttributes && { NonKeyAttributes: [...value.nonKeyAttributes] }),
  };
}
