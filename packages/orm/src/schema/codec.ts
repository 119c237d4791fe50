import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { IssueSink } from './issues.js';

/** The 13 attribute types of Da Vinci's TableObjectAttributeType, plus literal unions. */
export type AttributeKind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'datetime'
  | 'json'
  | 'jsonString'
  | 'stringList'
  | 'numberList'
  | 'jsonList'
  | 'jsonStringList'
  | 'compositeString'
  | 'stringSet'
  | 'numberSet'
  | 'literal';

/** The DynamoDB scalar type a key attribute is declared with. */
export type KeyType = 'S' | 'N' | 'B';

/** What a nested path (`address.city`, `tags[0]`) below an attribute may address. */
export type NestedPaths = 'none' | 'json' | 'list';

/**
 * How one attribute type checks, writes and reads its values. Built once per attribute by the
 * `attr.*` builders; `defineTable` compiles the table's codecs into flat loops.
 */
export interface Codec<TValue = unknown> {
  readonly kind: AttributeKind;
  /** Checks type and built-in rules, reporting every issue under `path`; true when valid. */
  check(value: unknown, path: string, issues: IssueSink): boolean;
  /** Writes a checked value; `undefined` means "write nothing" (an empty set). */
  marshal(value: TValue): AttributeValue | undefined;
  /** Reads a stored value; returns `undefined` when the stored type does not fit. */
  unmarshal(value: AttributeValue): TValue | undefined;
  /** The DynamoDB type when the attribute may be a key (absent: never a key). */
  readonly keyType?: KeyType | undefined;
  /** What nested paths below this attribute address. */
  readonly nested: NestedPaths;
  /** The codec of one member (list element, set member) for `contains` and list paths. */
  readonly element?: Codec | undefined;
  /** Value read for a missing attribute (empty Set for set types); undefined otherwise. */
  readonly whenMissing?: (() => TValue) | undefined;
  /** Kind-specific, JSON-serialisable details (literal values, composite parts, datetime storage). */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** Shorthand for a type-name message: "expected a string, got number". */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (value instanceof Set) return 'a Set';
  return typeof value;
}
