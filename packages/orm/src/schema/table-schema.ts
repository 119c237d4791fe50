import type { KeyType } from './codec.js';

/** A key attribute and its DynamoDB type. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

/** Which attributes an index copies. */
export interface Projection {
  readonly type: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  /** Only for `INCLUDE`: the non-key attributes copied. */
  readonly nonKeyAttributes?: readonly string[];
}

/** A global secondary index as the infrastructure creates it. */
export interface GlobalSecondaryIndexSchema {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly projection: Projection;
}

/** A local secondary index (it shares the table's partition key). */
export interface LocalSecondaryIndexSchema {
  readonly indexName: string;
  readonly sortKey: KeyAttribute;
  readonly projection: Projection;
}

/**
 * A plain, JSON-serialisable description of the table: what the CDK constructs and the sandbox
 * read to create it.
 */
export interface TableSchema {
  /** The logical table name ('users'); the physical name is derived at deploy time. */
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes: readonly GlobalSecondaryIndexSchema[];
  readonly localSecondaryIndexes: readonly LocalSecondaryIndexSchema[];
  readonly timeToLiveAttribute?: string;
  readonly versionAttribute?: string;
}
