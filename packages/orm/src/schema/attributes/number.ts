import { builder } from '../attribute.js';
import { type Codec, typeIssue } from '../codec.js';
import type { IssueSink } from '../issues.js';

/** Built-in rules of `attr.number()`. */
export interface NumberOptions {
  /** Whole numbers only (rule `integer`). Default: false. */
  readonly integer?: boolean;
  /** Smallest value allowed (rule `min`). Default: none. */
  readonly min?: number;
  /** Largest value allowed (rule `max`). Default: none. */
  readonly max?: number;
}

/** DynamoDB stores magnitudes from 1e-130 up to (but excluding) 1e126, and zero. */
export function inDynamoDbRange(value: number): boolean {
  const magnitude = Math.abs(value);
  return magnitude < 1e126 && (magnitude >= 1e-130 || magnitude === 0);
}

/** The `range` issue, shared with JSON numbers. */
export const RANGE_MESSAGE = "is outside DynamoDB's number range (1e-130 to 1e126)";

/** Checks that a value is a storable number, then the built-in rules, reporting each one broken. */
function checkNumber(
  value: unknown,
  path: string,
  issues: IssueSink,
  options: NumberOptions | undefined,
): boolean {
  if (typeof value !== 'number') return typeIssue(issues, path, 'a number', value);
  // DynamoDB cannot store NaN or Infinity.
  if (!Number.isFinite(value)) {
    issues.add(path, 'finite', `${value} cannot be stored; numbers must be finite`);
  } else if (!inDynamoDbRange(value)) {
    issues.add(path, 'range', `${value} ${RANGE_MESSAGE}`);
  } else if (options === undefined) {
    return true;
  } else {
    const before = issues.list?.length;
    const { integer, min = -Infinity, max = Infinity } = options;
    if (integer && !Number.isInteger(value)) issues.add(path, 'integer', 'must be a whole number');
    if (value < min) issues.add(path, 'min', `must be at least ${min}`);
    if (value > max) issues.add(path, 'max', `must be at most ${max}`);
    return issues.list?.length === before;
  }
  return false;
}

/** The number codec; also the item codec of number lists and sets. */
export function numberCodec(options?: NumberOptions): Codec<number> {
  return {
    kind: 'number',
    check: (value, path, issues) => checkNumber(value, path, issues, options),
    marshal: (value) => ({ N: String(value) }),
    unmarshal: (value) => (value.N === undefined ? undefined : Number(value.N)),
    keyType: 'N',
    details: options && { ...options },
    // Finite and in range still apply: those are what DynamoDB can store at all.
    typeOnly: options && numberCodec(),
  };
}

/**
 * A number (`N`), read back as a JavaScript number. Integers beyond ±2^53 lose precision, as
 * they would anywhere in JavaScript.
 */
export function number(options?: NumberOptions) {
  return builder<'number', number>(numberCodec(options));
}
