import { compileItemCodec } from './compile-item.js';
import type {
  DefineTableProps,
  GlobalIndexProps,
  KeyableNames,
  LocalIndexProps,
  NamesOfKind,
} from './define-table-props.js';
import type { Attribute, TableDefinition } from './definition.js';
import { checkDefinition } from './definition-checks.js';
import { describeField } from './field.js';
import { compilePaths } from './paths.js';
import type { AttributesShape } from './types.js';

/** What an index's props say it copies; `'all'` when they say nothing (the default). */
type ProjectionOf<TIndex> = TIndex extends { projection: infer P } ? P : 'all';

/**
 * Each index's keys and projection, so reads through an index are typed by what it copies.
 */
type IndexKeys<G, L, TPartitionKey extends string> = {
  [I in keyof G & string]: G[I] extends { partitionKey: infer P extends string }
    ? {
        partitionKey: P;
        sortKey: G[I] extends { sortKey: infer S extends string } ? S : never;
        projection: ProjectionOf<G[I]>;
      }
    : never;
} & {
  [I in keyof L & string]: L[I] extends { sortKey: infer S extends string }
    ? { partitionKey: TPartitionKey; sortKey: S; projection: ProjectionOf<L[I]> }
    : never;
};

/**
 * Defines a table: its attributes, keys, indexes, time to live, version and timestamps. Every
 * problem with the definition throws an `InvalidDefinitionError` here, naming the problem, so a
 * table that cannot work never reaches a request or a deployment.
 *
 * ```ts
 * const UserTable = defineTable({
 *   name: 'users',
 *   partitionKey: 'user_id',
 *   attributes: {
 *     user_id: attr.string(),
 *     email: attr.string(),
 *     status: attr.literal('pending', 'active').default('pending'),
 *     created_at: attr.datetime(),
 *   },
 *   globalSecondaryIndexes: { byEmail: { partitionKey: 'email' } },
 * });
 * ```
 */
export function defineTable<
  const TAttributes extends AttributesShape,
  const TPartitionKey extends KeyableNames<TAttributes>,
  const TSortKey extends KeyableNames<TAttributes> = never,
  const TVersion extends NamesOfKind<TAttributes, 'number'> = never,
  const TCreated extends NamesOfKind<TAttributes, 'datetime'> = never,
  const TUpdated extends NamesOfKind<TAttributes, 'datetime'> = never,
  const TGlobalIndexes extends {
    readonly [name: string]: GlobalIndexProps<
      KeyableNames<TAttributes>,
      keyof TAttributes & string
    >;
  } = Record<never, never>,
  const TLocalIndexes extends {
    readonly [name: string]: LocalIndexProps<KeyableNames<TAttributes>, keyof TAttributes & string>;
  } = Record<never, never>,
>(
  props: DefineTableProps<
    TAttributes,
    TPartitionKey,
    TSortKey,
    TVersion,
    TCreated,
    TUpdated,
    TGlobalIndexes,
    TLocalIndexes
  >,
): TableDefinition<{
  attributes: TAttributes;
  partitionKey: TPartitionKey;
  sortKey: TSortKey;
  version: TVersion;
  createdAt: TCreated;
  updatedAt: TUpdated;
  indexes: IndexKeys<TGlobalIndexes, TLocalIndexes, TPartitionKey>;
}> {
  const { schema, fields } = checkDefinition(props);
  const indexKeys = [...schema.globalSecondaryIndexes, ...schema.localSecondaryIndexes].flatMap(
    (index) => [
      ...('partitionKey' in index ? [index.partitionKey.name] : []),
      ...(index.sortKey ? [index.sortKey.name] : []),
    ],
  );
  const codec = compileItemCodec(props.name, fields, {
    partitionKey: props.partitionKey,
    sortKey: props.sortKey,
    version: props.version,
    createdAt: props.timestamps?.createdAt,
    updatedAt: props.timestamps?.updatedAt,
    indexKeys,
  });
  const paths = compilePaths(props.name, fields, [
    props.partitionKey,
    ...(props.sortKey === undefined ? [] : [props.sortKey]),
    ...indexKeys,
  ]);
  // No prototype: lookups by a caller's name (`toString`, `constructor`) must not find Object's members.
  const described: Record<string, Attribute> = Object.create(null);
  for (const field of fields) described[field.name] = describeField(field);

  const definition = {
    name: props.name,
    schema,
    attributes: described,
    partitionKey: props.partitionKey,
    ...(props.sortKey !== undefined && { sortKey: props.sortKey }),
    ...(props.version !== undefined && { versionAttribute: props.version }),
    ...(props.timestamps !== undefined && { timestamps: { ...props.timestamps } }),
    ...(props.timeToLive !== undefined && { timeToLiveAttribute: props.timeToLive }),
    parsePut: codec.parsePut,
    toItem: codec.toItem,
    fromItem: codec.fromItem,
    toKey: codec.toKey,
    toValue: paths.toValue,
    toElementValue: paths.toElementValue,
  };
  // The compiled functions are typed by the signature above; the runtime shape is the same.
  return Object.freeze(definition) as never;
}
