import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { resolveTableName } from '../discovery/index.js';
import type { AnyTableDefinition } from '../schema/definition.js';
import { defaultDynamoDBClient } from './default-client.js';
import type { Table } from './table-target.js';

export type { Table };

/** Options of `new TableClient(definition, options)` and of `table(definition, options)`. */
export interface TableClientOptions {
  /**
   * The DynamoDBClient to send with. Default: one client shared by every table, created on first
   * use from the SDK's own configuration (region, credentials, `AWS_ENDPOINT_URL_DYNAMODB`, …).
   */
  readonly client?: DynamoDBClient;
  /**
   * The physical table name. Default: resource discovery — `DAVINCI_TABLE_<LOGICAL>`, else
   * `{DAVINCI_APP_NAME}-{DAVINCI_DEPLOYMENT_ID}-{logical}`, else the logical name.
   */
  readonly tableName?: string;
}

/**
 * A light handle for the operation functions: `const users = table(UserTable)`. Only the
 * operations a handler imports end up in its bundle.
 */
export function table<T extends AnyTableDefinition>(
  definition: T,
  options: TableClientOptions = {},
): Table<T> {
  const tableName = resolveTableName(definition, options.tableName);
  const injected = options.client;
  return {
    definition,
    tableName,
    get client() {
      return injected ?? defaultDynamoDBClient();
    },
  };
}
