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

/** Key attributes a query may name: the table's keys, or those of index `I`. */
export type QueryKeyNames<T, I> = [I] extends [never]
  ? KeyAttributeNames<T>
  : I extends IndexNames<T>
    ? IndexKeyAttributeNames<T, I>
    : never;

/** `where` of a query: the partition key's value, optionally one operator on the sort key. */
export type KeyConditionOf<T, I> = {
  [K in QueryKeyNames<T, I> & keyof ItemOf<T>]?:
    | NonNullable<ItemOf<T>[K]>
    | SortKeyCondition<NonNullable<ItemOf<T>[K]>>;
};

/** Attribute names a projection may list. */
export type ProjectionOf<T> = readonly AttributeNames<T>[];

/** An item narrowed to a projection (`P` is every attribute when there is none). */
export type Projected<T, P extends AttributeNames<T>> = [AttributeNames<T>] extends [P]
  ? ItemOf<T>
  : Pick<ItemOf<T>, P & keyof ItemOf<T>>;
