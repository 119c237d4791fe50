import type { AnyAttributeBuilder } from './attribute.js';

/** The attribute builders of a table, by attribute name. */
export type AttributesShape = { readonly [name: string]: AnyAttributeBuilder };

/** The key names (and projection) of one secondary index, as captured from its definition. */
export interface IndexKeyNames {
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** What the index copies: `'all'`, `'keys'` or the non-key attributes listed. */
  readonly projection?: 'all' | 'keys' | readonly string[];
}

/** Everything the item types need to know about a table, carried by `TableDefinition`. */
export interface TableTypes {
  attributes: AttributesShape;
  partitionKey: string;
  /** `never` when the table has no sort key. */
  sortKey: string;
  /** `never` when the table has no version attribute. */
  version: string;
  createdAt: string;
  updatedAt: string;
  indexes: { readonly [indexName: string]: IndexKeyNames };
}

/** Flattens intersections so editors show `{ a: string; b?: number }`. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The TypeScript value of one attribute builder. */
export type BuilderValue<B> = B extends { readonly '~types': { value: infer V } } ? V : never;
/** The kind (`'string'`, `'numberSet'`, …) of one attribute builder. */
export type BuilderKind<B> = B extends { readonly '~types': { kind: infer K } } ? K : never;

type NamesWhere<A extends AttributesShape, Flag extends 'optional' | 'hasDefault'> = {
  [K in keyof A]: A[K]['~types'][Flag] extends true ? K : never;
}[keyof A] &
  string;

/** Names of attributes declared `.optional()`. */
export type OptionalAttributeNames<A extends AttributesShape> = NamesWhere<A, 'optional'>;
/** Names of attributes with a `.default()`. */
export type DefaultedAttributeNames<A extends AttributesShape> = NamesWhere<A, 'hasDefault'>;

/** An item with these attributes: optional attributes may be absent. */
export type ItemOfAttributes<A extends AttributesShape> = Simplify<
  { -readonly [K in Exclude<keyof A & string, OptionalAttributeNames<A>>]: BuilderValue<A[K]> } & {
    -readonly [K in OptionalAttributeNames<A>]?: BuilderValue<A[K]>;
  }
>;

/** The `TableTypes` of a definition. */
export type TypesOf<T> = T extends { readonly '~types'?: infer C } ? Extract<C, TableTypes> : never;

type AttributesOf<T> = TypesOf<T>['attributes'];

/** A stored item of table `T` (`ItemOf<typeof UserTable>`). */
export type ItemOf<T> = ItemOfAttributes<AttributesOf<T>>;

/** Names of the table's key attributes (partition key and sort key). */
export type KeyAttributeNames<T> = TypesOf<T>['partitionKey'] | TypesOf<T>['sortKey'];

/** The primary key of table `T`: its partition key and, if it has one, its sort key. */
export type KeyOf<T> = Simplify<{
  -readonly [K in KeyAttributeNames<T>]: BuilderValue<AttributesOf<T>[K]>;
}>;

/** Attributes a put may leave out: optional ones, defaulted ones, the version and timestamps. */
export type PutOptionalNames<T> =
  | OptionalAttributeNames<AttributesOf<T>>
  | DefaultedAttributeNames<AttributesOf<T>>
  | TypesOf<T>['version']
  | TypesOf<T>['createdAt']
  | TypesOf<T>['updatedAt'];

/** What `put` accepts: the item, with defaulted attributes, version and timestamps optional. */
export type PutInputOf<T> = Simplify<
  {
    -readonly [K in Exclude<AttributeNames<T>, PutOptionalNames<T>>]: BuilderValue<
      AttributesOf<T>[K]
    >;
  } & {
    -readonly [K in PutOptionalNames<T> & AttributeNames<T>]?: BuilderValue<AttributesOf<T>[K]>;
  }
>;

/** Every attribute name of table `T`. */
export type AttributeNames<T> = keyof AttributesOf<T> & string;

/** Attribute names that are not part of the primary key (what an update may change). */
export type NonKeyAttributeNames<T> = Exclude<AttributeNames<T>, KeyAttributeNames<T>>;

/** The TypeScript value of attribute `N` of table `T`. */
export type AttributeValueOf<T, N extends AttributeNames<T>> = BuilderValue<AttributesOf<T>[N]>;

/** The kind of attribute `N` of table `T`. */
export type AttributeKindOf<T, N extends AttributeNames<T>> = BuilderKind<AttributesOf<T>[N]>;

/** Names of the attributes of table `T` whose kind is one of `K`. */
export type AttributeNamesOfKind<T, K extends string> = {
  [N in AttributeNames<T>]: BuilderKind<AttributesOf<T>[N]> extends K ? N : never;
}[AttributeNames<T>];

/** Number attributes (targets of `add` and arithmetic). */
export type NumberAttributeNames<T> = AttributeNamesOfKind<T, 'number'>;
/** Set attributes (targets of `add` and `delete` from a set). */
export type SetAttributeNames<T> = AttributeNamesOfKind<T, 'stringSet' | 'numberSet'>;
/** List attributes (targets of `append` / `prepend`). */
export type ListAttributeNames<T> = AttributeNamesOfKind<
  T,
  'stringList' | 'numberList' | 'jsonList' | 'jsonStringList'
>;
/** Attributes `add` accepts: numbers and sets. */
export type AddableAttributeNames<T> = NumberAttributeNames<T> | SetAttributeNames<T>;
/** Attributes addressable below their name (`address.city`, `items[0]`): json and native lists. */
export type NestedAttributeNames<T> = AttributeNamesOfKind<
  T,
  'json' | 'jsonList' | 'stringList' | 'numberList' | 'jsonStringList'
>;

/** One member of a set or list attribute (what `contains`, set `delete` and `append` take). */
export type ElementOf<T, N extends AttributeNames<T>> =
  AttributeValueOf<T, N> extends Set<infer E>
    ? E
    : AttributeValueOf<T, N> extends readonly (infer E)[]
      ? E
      : never;

/** Names of the table's secondary indexes (global and local). */
export type IndexNames<T> = keyof TypesOf<T>['indexes'] & string;

/** Key attribute names of index `I` of table `T` (a local index shares the table's partition key). */
export type IndexKeyAttributeNames<T, I extends IndexNames<T>> =
  | TypesOf<T>['indexes'][I]['partitionKey']
  | NonNullable<TypesOf<T>['indexes'][I]['sortKey']>;
