import { builder } from '../attribute.js';
import { type Codec, typeIssue } from '../codec.js';
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

/** Checks the built-in string rules, reporting each one broken. */
function checkString(
  value: unknown,
  path: string,
  issues: IssueSink,
  options: StringOptions | undefined,
): boolean {
  if (typeof value !== 'string') return typeIssue(issues, path, 'a string', value);
  if (options === undefined) return true;
  const { minLength = 0, maxLength = Infinity, pattern } = options;
  const before = issues.list?.length;
  if (value.length < minLength) {
    issues.add(path, 'minLength', `must have at least ${minLength} characters`);
  }
  if (value.length > maxLength) {
    issues.add(path, 'maxLength', `must have at most ${maxLength} characters`);
  }
  if (pattern) {
    pattern.lastIndex = 0;
    if (!pattern.test(value)) issues.add(path, 'pattern', `must match ${pattern}`);
  }
  return issues.list?.length === before;
}

/** The string codec; also the item codec of string lists and sets. */
export function stringCodec(options?: StringOptions): Codec<string> {
  const codec: Codec<string> = {
    kind: 'string',
    check: (value, path, issues) => checkString(value, path, issues, options),
    marshal: (value) => ({ S: value }),
    unmarshal: (value) => value.S,
    keyType: 'S',
    details: options && { ...options, pattern: options.pattern?.source },
    typeOnly: options && stringCodec(),
    // `contains` takes any substring: the built-in rules do not apply to it.
    get element(): Codec {
      return options ? stringCodec() : (codec as Codec);
    },
  };
  return codec;
}

/** A string (`S`). Empty strings are allowed unless `minLength` says otherwise. */
export function string(options?: StringOptions) {
  return builder<'string', string>(stringCodec(options));
}
