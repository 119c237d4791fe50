import { builder } from '../attribute.js';
import { type Codec, describeType } from '../codec.js';
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

/** Checks that a value is a finite number (DynamoDB cannot store NaN or Infinity). */
export function checkNumber(
  value: unknown,
  path: string,
  issues: IssueSink,
  options?: NumberOptions,
): value is number {
  if (typeof value !== 'number') {
    issues.add(path, 'type', `expected a number, got ${describeType(value)}`);
    return false;
  }
  if (!Number.isFinite(value)) {
    issues.add(path, 'finite', `${value} cannot be stored; numbers must be finite`);
    return false;
  }
  if (!inDynamoDbRange(value)) {
    issues.add(path, 'range', `${value} is outside DynamoDB's number range (1e-130 to 1e126)`);
    return false;
  }
  if (options === undefined) return true;
  let valid = true;
  if (options.integer && !Number.isInteger(value)) {
    issues.add(path, 'integer', 'must be a whole number');
    valid = false;
  }
  if (options.min !== undefined && value < options.min) {
    issues.add(path, 'min', `must be at least ${options.min}`);
    valid = false;
  }
  if (options.max !== undefined && value > options.max) {
    issues.add(path, 'max', `must be at most ${options.max}`);
    valid = false;
  }
  return valid;
}

/** Reads an `N` value as a JavaScript number. */
export function readNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/** The number codec; also the element codec of number lists and sets. */
export function numberCodec(options?: NumberOptions): Codec<number> {
  return {
    kind: 'number',
    check: (value, path, issues) => checkNumber(value, path, issues, options),
    marshal: (value) => ({ N: String(value) }),
    unmarshal: (value) => readNumber(value.N),
    keyType: 'N',
    nested: 'none',
    details: options === undefined ? undefined : { ...options },
  };
}

/**
 * A number (`N`), read back as a JavaScript number. Integers beyond ±2^53 lose precision, as
 * they would anywhere in JavaScript.
 */
export function number(options?: NumberOptions) {
  return builder<'number', number>(numberCodec(options));
}
