import type {
  AttributeNames,
  IndexKeyAttributeNames,
  IndexNames,
  ItemOf,
  KeyAttributeNames,
  TypesOf,
} from '../schema/types.js';
import type { BatchGetOptions } from './actions/batch-get.js';
import type { CountOptions } from './actions/count.js';
import type { GetOptions } from './actions/get.js';
import type { QueryOptions } from './actions/query.js';
import type { ScanAllOptions, ScanOptions } from './actions/scan.js';
import type { Condition } from './expressions/condition.js';
import type { SortKeyCondition } from './expressions/key-condition.js';
import type { UpdateSpec } from './expressions/update.js';

/** A condition or filter on table `T`'s items. */
export type ConditionOf<T> = Condition<ItemOf<T>>;

/** An update of table `T`: key attributes and the version attribute cannot be named. */
export type UpdateOf<T> = UpdateSpec<ItemOf<T>, KeyAttributeNames<T> | TypesOf<T>['version']>;

/** The partition and sort key names of the table (`I` = never) or of index `I`. */
type QueryKeys<T, I> = [I] extends [never]
  ? { partitionKey: TypesOf<T>['partitionKey']; sortKey: TypesOf<T>['sortKey'] }
  : I extends IndexNames<T>
    ? {
        partitionKey: TypesOf<T>['indexes'][I]['partitionKey'];
        sortKey: Exclude<IndexKeyAttributeNames<T, I>, TypesOf<T>['indexes'][I]['partitionKey']>;
      }
    : never;

type ValueAt<T, K> = K extends keyof ItemOf<T> ? NonNullable<ItemOf<T>[K]> : never;

/** `where` of a query: the partition key's value (required), optionally one operator on the sort key. */
export type KeyConditionOf<T, I> = {
  [K in QueryKeys<T, I>['partitionKey'] & string]: ValueAt<T, K> | { eq: ValueAt<T, K> };
} & {
  [K in QueryKeys<T, I>['sortKey'] & string]?: ValueAt<T, K> | SortKeyCondition<ValueAt<T, K>>;
};

/** Attribute names a projection may list. */
export type ProjectionOf<T> = readonly AttributeNames<T>[];

/** An item narrowed to a projection (`P` is every attribute when there is none). */
export type Projected<T, P extends AttributeNames<T>> = [AttributeNames<T>] extends [P]
  ? ItemOf<T>
  : Pick<ItemOf<T>, P & keyof ItemOf<T>>;

/**
 * The attributes index `I` of table `T` holds: every attribute for an `'all'` projection (or no
 * index, `I` = never), else the table's and the index's keys plus, for a list, those listed.
 * Read from the `projection` the index's type carries (`'all'` when it carries none).
 */
export type IndexAttributeNames<T, I> = [I] extends [never]
  ? AttributeNames<T>
  : I extends IndexNames<T>
    ? TypesOf<T>['indexes'][I] extends { readonly projection: infer Projection }
      ? Projection extends 'keys'
        ? KeyAttributeNames<T> | IndexKeyAttributeNames<T, I>
        : Projection extends readonly (infer Included)[]
          ? KeyAttributeNames<T> | IndexKeyAttributeNames<T, I> | (Included & AttributeNames<T>)
          : AttributeNames<T>
      : AttributeNames<T>
    : AttributeNames<T>;

/**
 * An item read through index `I` with projection `P`: only what both hold (the whole item for
 * an `'all'` index without projection).
 */
export type IndexProjected<T, I, P extends AttributeNames<T>> = Projected<
  T,
  P & IndexAttributeNames<T, I>
>;

/** `get` options: `projection` lists attribute names of table `T`. */
export type GetOptionsOf<T, P extends AttributeNames<T>> = Omit<GetOptions, 'projection'> & {
  /** Attributes to return; default: all. */
  readonly projection?: readonly P[];
};

/** `query` options on table `T` (or its index `I`), returning attributes `P`. */
export type QueryOptionsOf<T, I, P> = Omit<
  QueryOptions,
  'where' | 'index' | 'filter' | 'projection'
> & {
  /** Key condition: the partition key's value, optionally one operator on the sort key. */
  readonly where: KeyConditionOf<T, I>;
  /** A global or local secondary index to query instead of the table. */
  readonly index?: I;
  /** Condition applied after reading. */
  readonly filter?: ConditionOf<T>;
  /** Attributes to return; default: all. */
  readonly projection?: readonly P[];
};

/** `scan` options on table `T` (or its index `I`), returning attributes `P`. */
export type ScanOptionsOf<T, I, P> = Omit<ScanOptions, 'filter' | 'projection' | 'index'> & {
  /** A global or local secondary index to scan instead of the table. */
  readonly index?: I;
  /** Condition applied after reading. */
  readonly filter?: ConditionOf<T>;
  /** Attributes to return; default: all. */
  readonly projection?: readonly P[];
};

/** `scanAll` options on table `T` (or its index `I`), returning attributes `P`. */
export type ScanAllOptionsOf<T, I, P> = Omit<ScanAllOptions, 'filter' | 'projection' | 'index'> & {
  /** A global or local secondary index to scan instead of the table. */
  readonly index?: I;
  /** Condition applied after reading. */
  readonly filter?: ConditionOf<T>;
  /** Attributes to return; default: all. */
  readonly projection?: readonly P[];
};

/** `count` options on table `T` (or its index `I`). */
export type CountOptionsOf<T, I> = Omit<CountOptions, 'where' | 'index' | 'filter'> & {
  /** Key condition: counts with a Query when given, else with a Scan. */
  readonly where?: KeyConditionOf<T, I>;
  /** A global or local secondary index to count in instead of the table. */
  readonly index?: I;
  /** Only items matching this condition are counted. */
  readonly filter?: ConditionOf<T>;
};

/** `batchGet` options: `projection` lists attribute names of table `T`. */
export type BatchGetOptionsOf<T, P extends AttributeNames<T>> = Omit<
  BatchGetOptions,
  'projection'
> & {
  /** Attributes to return; default: all. */
  readonly projection?: readonly P[];
};
