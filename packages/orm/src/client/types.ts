import type {
  AttributeNames,
  IndexKeyAttributeNames,
  IndexNames,
  ItemOf,
  KeyAttributeNames,
} from '../schema/index.js';
import type { TypesOf } from '../schema/types.js';
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
