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
  /**
   * Turns a checked value into exactly what reading it back gives, when storage loses something
   * (epoch-seconds datetimes drop milliseconds), so a put returns what a later get returns.
   * Absent: the value is stored as it is.
   */
  normalize?(value: TValue): TValue;
  /** Reads a stored value; returns `undefined` when the stored type does not fit. */
  unmarshal(value: AttributeValue): TValue | undefined;
  /** The DynamoDB type when the attribute may be a key (absent: never a key). */
  readonly keyType?: KeyType | undefined;
  /** JSON attributes: the codec of whatever a nested path below addresses (`address.city`). */
  readonly below?: Codec | undefined;
  /** Lists: the codec of the item an index path addresses (`tags[0]`). */
  readonly items?: Codec | undefined;
  /**
   * The codec of one member, for `contains` and removing from a set: the item of a list or set,
   * a substring of a string, any JSON value inside JSON. Absent: the attribute has no members.
   */
  readonly element?: Codec | undefined;
  /** Value read for a missing attribute (empty Set for set types); undefined otherwise. */
  readonly whenMissing?: (() => TValue) | undefined;
  /**
   * The same type without the built-in rules (`min`, `max`, `minLength`, `pattern`, …), for
   * values that are compared rather than written. Absent: the codec has no built-in rules.
   */
  readonly typeOnly?: Codec<TValue> | undefined;
  /** Kind-specific, JSON-serialisable details (literal values, composite parts, datetime storage). */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** The type name in messages: "expected a string, got number". */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (value instanceof Set) return 'a Set';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value;
}

/**
 * A value as a message shows it (`"paid"`, `3`). Never throws, whatever it is given (BigInts,
 * cyclic objects and prototype-less objects break `JSON.stringify` or `String`): a message about
 * bad input must not fail with an error of its own.
 */
export function showValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value === 'bigint' ? `${value}n` : describeType(value);
  }
}

/** Reports the `type` rule, `expected <expected>, got <actual type>`; returns false for `check`. */
export function typeIssue(
  issues: IssueSink,
  path: string,
  expected: string,
  value: unknown,
): false {
  issues.add(path, 'type', `expected ${expected}, got ${describeType(value)}`);
  return false;
}
