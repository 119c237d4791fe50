import { invalidPattern } from '../errors.js';
import { objectEntries } from '../pattern-json.js';
import type { JsonLeaf } from '../types.js';
import type { WildcardTerm } from '../values/wildcard-complexity.js';

/** Decides whether one leaf value of an event satisfies one entry of a pattern's value list. */
export type ValueTest = (value: JsonLeaf) => boolean;

/**
 * What one entry of a value list asks for: a test on the field's values, or (for `exists`) the
 * field's presence or absence.
 */
export type LeafCondition =
  | {
      readonly kind: 'test';
      readonly test: ValueTest;
      /** Set for wildcard entries: what the rule-complexity check looks at. */
      readonly wildcard?: WildcardTerm;
    }
  | { readonly kind: 'exists'; readonly exists: boolean };

export const valueTest = (test: ValueTest, wildcard?: WildcardTerm): LeafCondition =>
  wildcard === undefined ? { kind: 'test', test } : { kind: 'test', test, wildcard };

/**
 * The single `[operator, operand]` of an operator object. Operator objects hold exactly one key;
 * `what` names the object in messages ("match expression", "anything-but expression", …).
 */
export function singleEntry(node: unknown, at: string, what: string): readonly [string, unknown] {
  const entries = objectEntries(node);
  if (entries === undefined)
    return invalidPattern(at, 'operator-object', `the ${what} must be an object`);
  const [first] = entries;
  if (first === undefined)
    return invalidPattern(at, 'operator-missing', `the ${what} names no operator`);
  if (entries.length > 1) {
    return invalidPattern(at, 'operator-single-key', `only one key is allowed in a ${what}`);
  }
  return first;
}

/** The operand as a string, or an error saying the operator needs one. */
export function stringOperand(operand: unknown, at: string, operator: string): string {
  if (typeof operand !== 'string') {
    return invalidPattern(at, 'operand-type', `the ${operator} operand must be a string`);
  }
  return operand;
}
