/**
 * Objects keyed by request text. They have no prototype, so a key such as `__proto__` or
 * `constructor` is an ordinary own entry: it can neither reach `Object.prototype` when written
 * nor pick up an inherited member when read.
 */
export type Dictionary<T> = Record<string, T>;

export const dictionary = <T>(): Dictionary<T> => Object.create(null) as Dictionary<T>;

/** A prototype-free copy of `entries`. */
export function dictionaryOf<T>(entries: Iterable<readonly [string, T]>): Dictionary<T> {
  const result = dictionary<T>();
  for (const [key, value] of entries) result[key] = value;
  return result;
}

/** `record[key]` when `key` is the record's own entry, never an inherited member. */
export const ownValue = (record: object, key: string): unknown =>
  Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
