import {
  CreateTableCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { type AnyTableDefinition, createTableInput } from '@davinci/orm';

/** Creates a table as the CDK app would: same keys, indexes, TTL, on-demand billing. */
export async function createTable(
  client: DynamoDBClient,
  definition: AnyTableDefinition,
): Promise<void> {
  const { input, timeToLiveAttribute } = createTableInput(definition);
  await client.send(new CreateTableCommand(input));
  if (timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: input.TableName,
        TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
      }),
    );
  }
}
