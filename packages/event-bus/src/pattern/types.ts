/** A value an event carries at a leaf: what a pattern's value lists are compared with. */
export type JsonLeaf = string | number | boolean | null;

/** One entry of a pattern's value list: a literal, or an operator object such as `{ prefix: 'a' }`. */
export type EventPatternValue = string | number | boolean | null | EventPatternOperator;

/** An operator object: exactly one key (`prefix`, `anything-but`, `numeric`, `exists`, …). */
export interface EventPatternOperator {
  readonly [operator: string]: unknown;
}

/**
 * An EventBridge event pattern: the shape of the events it selects. Every leaf is a non-empty list
 * of values; `$or` holds a list of alternative sub-patterns.
 */
export interface EventPattern {
  readonly [field: string]: EventPattern | readonly EventPatternValue[] | readonly EventPattern[];
}

/** A pattern as an object, or as the JSON text a rule stores. */
export type EventPatternInput = EventPattern | string;

/** A compiled pattern: answers whether one event matches. */
export type EventMatcher = (event: unknown) => boolean;
