import { generatedName, optionalString, type ResourceProvider } from './provider.js';

/** AWS::DynamoDB::Table, created in DynamoDB Local; TTL applied, streams and PITR recorded. */
export const dynamodbTable: ResourceProvider = {
  effect: 'created',
  async create(properties, context) {
    const tableName = optionalString(properties, 'TableName') ?? generatedName(context, 255);
    const billingMode = optionalString(properties, 'BillingMode') ?? 'PROVISIONED';
    const input: Record<string, unknown> = {
      TableName: tableName,
      KeySchema: properties.KeySchema,
      AttributeDefinitions: properties.AttributeDefinitions,
      BillingMode: billingMode,
    };
    if (billingMode === 'PROVISIONED') {
      input.ProvisionedThroughput = properties.ProvisionedThroughput ?? {
        ReadCapacityUnits: 5,
        WriteCapacityUnits: 5,
      };
    }
    if (properties.GlobalSecondaryIndexes)
      input.GlobalSecondaryIndexes = properties.GlobalSecondaryIndexes;
    if (properties.LocalSecondaryIndexes)
      input.LocalSecondaryIndexes = properties.LocalSecondaryIndexes;
    if (properties.StreamSpecification) {
      input.StreamSpecification = {
        StreamEnabled: true,
        ...(properties.StreamSpecification as object),
      };
    }
    const created = await context.api.call('dynamodb', 'CreateTable', input);
    await applyTimeToLive(tableName, properties, context.api);
    const description = (created.TableDescription ?? {}) as Record<string, unknown>;
    // The sandbox's own region, not DynamoDB Local's: the ARN that policies and other stacks name.
    const arn = `arn:aws:dynamodb:${context.region}:${context.accountId}:table/${tableName}`;
    return {
      physicalId: tableName,
      attributes: {
        Arn: arn,
        ...(description.LatestStreamArn !== undefined && {
          StreamArn: description.LatestStreamArn,
        }),
      },
    };
  },
  async update(previous, properties, context) {
    // Keys and indexes are fixed at creation here; TTL is what an update changes in place.
    await applyTimeToLive(previous.physicalId, properties, context.api);
    return previous;
  },
  async delete(state, context) {
    await context.api.call('dynamodb', 'DeleteTable', { TableName: state.physicalId });
  },
};

async function applyTimeToLive(
  tableName: string,
  properties: Readonly<Record<string, unknown>>,
  api: Parameters<NonNullable<ResourceProvider['delete']>>[1]['api'],
): Promise<void> {
  const spec = properties.TimeToLiveSpecification as
    | { AttributeName?: string; Enabled?: boolean | string }
    | undefined;
  if (!spec?.AttributeName) return;
  const enabled = spec.Enabled === true || spec.Enabled === 'true';
  const current = await api.call('dynamodb', 'DescribeTimeToLive', { TableName: tableName });
  const status = (current.TimeToLiveDescription as { TimeToLiveStatus?: string } | undefined)
    ?.TimeToLiveStatus;
  if ((status === 'ENABLED') === enabled) return;
  await api.call('dynamodb', 'UpdateTimeToLive', {
    TableName: tableName,
    TimeToLiveSpecification: { AttributeName: spec.AttributeName, Enabled: enabled },
  });
}
