import type { TableSchema } from './orm-contract.js';

/**
 * What the CDK reads from an `@davinci/orm` table definition: its logical name and the plain,
 * JSON-serialisable schema (keys, indexes, TTL). Every `defineTable(...)` result satisfies it.
 */
export interface TableDefinitionLike {
  /** Logical table name, for example `users`. */
  readonly name: string;
  /** Keys, indexes and TTL of the table. */
  readonly schema: TableSchema;
}
