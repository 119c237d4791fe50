import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { type AnyTableDefinition, createTableInput } from '../../src/index.js';

/** A client for the DynamoDB Local the vitest global setup started (via AWS_ENDPOINT_URL_DYNAMODB). */
export function localClient(): DynamoDBClient {
  return new DynamoDBClient({});
}

/** A table name no other test uses: `<logical>-<random>`. */
export function uniqueTableName(definition: { name: string }): string {
  return `${definition.name}-${randomUUID().slice(0, 8)}`;
}

/** Creates a table exactly as `definition.schema` describes it (what the CDK deploys), TTL included. */
export async function createTable(
  client: DynamoDBClient,
  definition: AnyTableDefinition,
  tableName = uniqueTableName(definition),
): Promise<string> {
  const { input, timeToLiveAttribute } = createTableInput(definition, tableName);
  await client.send(new CreateTableCommand(input));
  if (timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
      }),
    );
  }
  return tableName;
}

export async function deleteTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
}
