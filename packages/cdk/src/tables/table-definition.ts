import type { AnyTableDefinition } from '@davinci/orm';

/**
 * What the CDK reads from an `@davinci/orm` table definition: its logical name and the plain,
 * JSON-serialisable schema (keys, indexes, TTL). Every `defineTable(...)` result satisfies it.
 */
export type TableDefinitionLike = Pick<AnyTableDefinition, 'name' | 'schema'>;
