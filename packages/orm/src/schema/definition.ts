import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributeKind, KeyType } from './codec.js';
import type { TableSchema } from './table-schema.js';
import type { ItemOf, KeyOf, TableTypes } from './types.js';

/** One attribute of a defined table, as the client and the infrastructure read it. */
export interface Attribute {
  readonly name: string;
  readonly kind: AttributeKind;
  /** Whether an item may lack the attribute. */
  readonly optional: boolean;
  /** Whether a put fills the attribute when it is left out. */
  readonly hasDefault: boolean;
  readonly description?: string;
  /** The DynamoDB type when the attribute can be a key; absent for types that cannot. */
  readonly keyType?: KeyType;
  /**
   * Kind-specific settings: `{ values }` for literals, `{ parts, separator }` for composite
   * strings, `{ storage }` for datetimes, built-in rules for strings and numbers.
   */
  readonly details?: Readonly<Record<string, unknown>>;
  /**
   * Composite strings only: the stored text of the leading parts given, ending with the
   * separator when parts are missing (`{ tenant: 't1' }` → `'t1#'`), for `beginsWith` conditions.
   */
  readonly prefix?: (parts: Readonly<Record<string, string>>) => string;
}

/**
 * A table defined with `defineTable`: the single source of truth for its item types, its
 * validation and its infrastructure (`schema`).
 */
export interface TableDefinition<C extends TableTypes = TableTypes> {
  /** Type-level only: what `ItemOf`, `KeyOf` and `PutInputOf` read. */
  readonly '~types'?: C;
  /** The logical table name ('users'). */
  readonly name: string;
  /** The plain description the CDK and the sandbox build the table from. */
  readonly schema: TableSchema;
  /** Every attribute, by name. */
  readonly attributes: { readonly [K in keyof C['attributes'] & string]: Attribute };
  readonly partitionKey: C['partitionKey'];
  readonly sortKey?: C['sortKey'];
  /** The number attribute that every put and update checks and bumps. */
  readonly versionAttribute?: C['version'];
  /** Datetime attributes a put (created and updated) and an update (updated) fill with "now". */
  readonly timestamps?: {
    readonly createdAt?: C['createdAt'];
    readonly updatedAt?: C['updatedAt'];
  };
  /** The epoch-seconds datetime attribute DynamoDB expires items by. */
  readonly timeToLiveAttribute?: string;
  /**
   * Validates a put: fills defaults and timestamps, checks every attribute and rule, rejects
   * unknown attributes (rule `unknownAttribute`) and throws one `ValidationError` listing every
   * issue. Returns a new item; the input is not changed.
   */
  parsePut(input: unknown): ItemOf<TableDefinition<C>>;
  /** Marshals a validated item. Missing optional attributes and empty sets are not written. */
  toItem(item: ItemOf<TableDefinition<C>>): Record<string, AttributeValue>;
  /**
   * Reads a stored item. Attributes the definition does not know are dropped; a missing attribute
   * with a default reads as the default; a missing required set reads as an empty Set; a stored
   * value of the wrong type throws a `ValidationError` (rule `storedType`).
   */
  fromItem(raw: Record<string, AttributeValue>): ItemOf<TableDefinition<C>>;
  /**
   * Validates and marshals a primary key. Other attributes are ignored, so a whole item can be
   * passed.
   */
  toKey(key: KeyOf<TableDefinition<C>>): Record<string, AttributeValue>;
  /**
   * Marshals one value for an attribute (`status`) or a path inside a json or list attribute
   * (`address.city`, `items[0].sku`), checking it against the attribute's type and rules.
   * With `{ rules: false }` only the type is checked: use it for values that are compared
   * (conditions, filters, key conditions), not written.
   */
  toValue(path: string, value: unknown, options?: { rules?: boolean }): AttributeValue;
  /**
   * Marshals one member of a set or list attribute (or a substring of a string attribute), for
   * `contains`, removing members from a set, and similar. `{ rules: false }` as for `toValue`.
   */
  toElementValue(path: string, value: unknown, options?: { rules?: boolean }): AttributeValue;
}

/** Any table definition. */
export type AnyTableDefinition = TableDefinition<TableTypes>;
