import { builder } from '../attribute.js';
import { type Codec, describeType } from '../codec.js';
import type { IssueSink } from '../issues.js';

/** Built-in rules of `attr.string()`. */
export interface StringOptions {
  /** Fewest characters allowed (rule `minLength`). Default: no minimum (empty strings allowed). */
  readonly minLength?: number;
  /** Most characters allowed (rule `maxLength`). Default: no maximum. */
  readonly maxLength?: number;
  /** A pattern the whole value must match (rule `pattern`). Default: none. */
  readonly pattern?: RegExp;
}

/** Checks the built-in string rules; shared by every attribute stored as a string. */
export function checkString(
  value: unknown,
  path: string,
  issues: IssueSink,
  options?: StringOptions,
): value is string {
  if (typeof value !== 'string') {
    issues.add(path, 'type', `expected a string, got ${describeType(value)}`);
    return false;
  }
  if (options === undefined) return true;
  const { minLength, maxLength, pattern } = options;
  let valid = true;
  if (minLength !== undefined && value.length < minLength) {
    issues.add(path, 'minLength', `must have at least ${minLength} characters`);
    valid = false;
  }
  if (maxLength !== undefined && value.length > maxLength) {
    issues.add(path, 'maxLength', `must have at most ${maxLength} characters`);
    valid = false;
  }
  if (pattern !== undefined) {
    pattern.lastIndex = 0;
    if (!pattern.test(value)) {
      issues.add(path, 'pattern', `must match ${pattern}`);
      valid = false;
    }
  }
  return valid;
}

/** The string codec; also the element codec of string lists and sets. */
export function stringCodec(options?: StringOptions): Codec<string> {
  return {
    kind: 'string',
    check: (value, path, issues) => checkString(value, path, issues, options),
    marshal: (value) => ({ S: value }),
    unmarshal: (value) => value.S,
    keyType: 'S',
    nested: 'none',
    details: options === undefined ? undefined : { ...options, pattern: options.pattern?.source },
  };
}

/** A string (`S`). Empty strings are allowed unless `minLength` says otherwise. */
export function string(options?: StringOptions) {
  return builder<'string', string>(stringCodec(options));
}
