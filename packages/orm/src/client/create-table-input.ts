import type {
  AttributeDefinition,
  CreateTableCommandInput,
  KeySchemaElement,
  Projection as SdkProjection,
} from '@aws-sdk/client-dynamodb';
import { resolveTableName } from '../discovery/index.js';
import type { AnyTableDefinition } from '../schema/definition.js';
import type { KeyAttribute, Projection } from '../schema/table-schema.js';

/** What creating a table from its definition takes. */
export interface TableCreation {
  /** The CreateTable input: keys, key attribute types, indexes, on-demand billing. */
  readonly input: CreateTableCommandInput;
  /**
   * The time-to-live attribute, when the definition has one. CreateTable cannot enable TTL: send
   * an UpdateTimeToLive with this attribute once the table is active.
   */
  readonly timeToLiveAttribute?: string;
}

function keySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): KeySchemaElement[] {
  const keys: KeySchemaElement[] = [{ AttributeName: partitionKey.name, KeyType: 'HASH' }];
  if (sortKey) keys.push({ AttributeName: sortKey.name, KeyType: 'RANGE' });
  return keys;
}

function projectionOf({ type, nonKeyAttributes }: Projection): SdkProjection {
  return nonKeyAttributes?.length
    ? { ProjectionType: type, NonKeyAttributes: [...nonKeyAttributes] }
    : { ProjectionType: type };
}

/**
 * The CreateTable input for a definition, exactly as `definition.schema` describes the table
 * (what the CDK deploys): partition and sort key, attribute definitions for key attributes only
 * (of the table and every index), global and local secondary indexes with their projections,
 * and on-demand (PAY_PER_REQUEST) billing. For local tables, tests and scripts.
 *
 * ```ts
 * const { input, timeToLiveAttribute } = createTableInput(UserTable);
 * await client.send(new CreateTableCommand(input));
 * ```
 *
 * @param tableName The physical name. Default: resource discovery, as the clients resolve it.
 */
export function createTableInput(
  definition: AnyTableDefinition,
  tableName?: string,
): TableCreation {
  const { schema } = definition;
  const attributes = new Map<string, AttributeDefinition>();
  const define = (key?: KeyAttribute) => {
    if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  };
  define(schema.partitionKey);
  define(schema.sortKey);
  for (const index of schema.globalSecondaryIndexes) {
    define(index.partitionKey);
    define(index.sortKey);
  }
  for (const index of schema.localSecondaryIndexes) define(index.sortKey);

  const input: CreateTableCommandInput = {
    TableName: resolveTableName(definition, tableName),
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()],
    KeySchema: keySchema(schema.partitionKey, schema.sortKey),
  };
  if (schema.globalSecondaryIndexes.length > 0) {
    input.GlobalSecondaryIndexes = schema.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: projectionOf(index.projection),
    }));
  }
  if (schema.localSecondaryIndexes.length > 0) {
    input.LocalSecondaryIndexes = schema.localSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: keySchema(schema.partitionKey, index.sortKey),
      Projection: projectionOf(index.projection),
    }));
  }
  const { timeToLiveAttribute } = schema;
  return timeToLiveAttribute ? { input, timeToLiveAttribute } : { input };
}
