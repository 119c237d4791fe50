import type { AttributesShape, BuilderKind } from './types.js';

/** Attribute names whose kind can be a DynamoDB key. */
export type KeyableNames<A extends AttributesShape> = {
  [K in keyof A]: BuilderKind<A[K]> extends
    | 'string'
    | 'number'
    | 'literal'
    | 'compositeString'
    | 'datetime'
    ? K
    : never;
}[keyof A] &
  string;

/** Attribute names of one kind. */
export type NamesOfKind<A extends AttributesShape, Kind extends string> = {
  [K in keyof A]: BuilderKind<A[K]> extends Kind ? K : never;
}[keyof A] &
  string;

/** Which attributes an index copies: all, only keys, or keys plus the attributes listed. */
export type IndexProjection<TName extends string = string> = 'all' | 'keys' | readonly TName[];

/** A global secondary index: its own partition key and optional sort key. */
export interface GlobalIndexProps<
  TName extends string = string,
  TAttribute extends string = string,
> {
  /** Partition key of the index. It may be optional: items without it are left out (sparse). */
  readonly partitionKey: TName;
  /** Sort key of the index. Default: none. */
  readonly sortKey?: TName;
  /** What the index copies. Default `'all'`. */
  readonly projection?: IndexProjection<TAttribute>;
}

/** A local secondary index: the table's partition key with another sort key. */
export interface LocalIndexProps<
  TName extends string = string,
  TAttribute extends string = string,
> {
  /** Sort key of the index; must differ from the table's sort key. */
  readonly sortKey: TName;
  /** What the index copies. Default `'all'`. */
  readonly projection?: IndexProjection<TAttribute>;
}

/** Names of the datetime attributes that fill themselves. */
export interface TimestampsProps<TCreated extends string, TUpdated extends string> {
  /** Datetime attribute set to "now" when a put does not give it. Default: none. */
  readonly createdAt?: TCreated;
  /** Datetime attribute set to "now" on every put (unless given) and update. Default: none. */
  readonly updatedAt?: TUpdated;
}

/** What `defineTable` takes. */
export interface DefineTableProps<
  TAttributes extends AttributesShape,
  TPartitionKey extends string,
  TSortKey extends string,
  TVersion extends string,
  TCreated extends string,
  TUpdated extends string,
  TGlobalIndexes extends { readonly [name: string]: GlobalIndexProps },
  TLocalIndexes extends { readonly [name: string]: LocalIndexProps },
> {
  /**
   * Logical table name ('users'); 1–255 characters of a–z, A–Z, 0–9, `_`, `-`, `.`. The
   * physical name (`<app>-<deployment>-<name>`, or whatever resource discovery resolves) must
   * meet DynamoDB's own 3–255 rule, which DynamoDB and the CDK check when the table is created.
   */
  readonly name: string;
  /** The attributes, built with `attr.*`. Names may not contain `.`, `[` or `]`. */
  readonly attributes: TAttributes;
  /** Partition key: a required string, number, literal, composite string or datetime attribute. */
  readonly partitionKey: TPartitionKey;
  /** Sort key, same types as the partition key. Default: none. */
  readonly sortKey?: TSortKey;
  /** Global secondary indexes by index name. Default: none. */
  readonly globalSecondaryIndexes?: TGlobalIndexes;
  /** Local secondary indexes by index name (needs a table sort key; at most 5). Default: none. */
  readonly localSecondaryIndexes?: TLocalIndexes;
  /** The attribute DynamoDB expires items by: an `attr.datetime({ storage: 'epochSeconds' })`. */
  readonly timeToLive?: NamesOfKind<TAttributes, 'datetime'>;
  /** A number attribute for optimistic locking: puts and updates check and bump it. Default: none. */
  readonly version?: TVersion;
  /** Datetime attributes that fill themselves. Default: none. */
  readonly timestamps?: TimestampsProps<TCreated, TUpdated>;
}
