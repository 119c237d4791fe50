import type { FieldRule } from '../parse-pattern.js';
import type { JsonLeaf } from '../types.js';

/**
 * Where a value sits inside the event's arrays: the array, the element index, and the position
 * of that array inside outer arrays. Two values can be used together only if they agree on every
 * array they share (EventBridge's array-consistent matching).
 */
export interface ArrayPosition {
  readonly array: readonly unknown[];
  readonly index: number;
  readonly outer: ArrayPosition | undefined;
}

/** What one field's values in one event amount to. */
export interface FieldValues {
  /** The event has at least one leaf value (including null) at the path. */
  present: boolean;
  /** A matching value that sits in no array: the field is satisfied whatever else matches. */
  unconditional: boolean;
  /** Positions of matching values that sit inside arrays. */
  positions: ArrayPosition[] | undefined;
}

/**
 * Walks the event along the field's path and records which of its leaf values the field accepts.
 * Arrays on the way are crossed element by element; objects are not leaf values, so a path that
 * ends at an object finds nothing there.
 */
export function collectFieldValues(event: unknown, rule: FieldRule): FieldValues {
  const found: FieldValues = { present: false, unconditional: false, positions: undefined };
  walk(event, rule, 0, undefined, found);
  return found;
}

/** Returns true to stop walking (an unconditional match was found). */
function walk(
  node: unknown,
  rule: FieldRule,
  segment: number,
  position: ArrayPosition | undefined,
  found: FieldValues,
): boolean {
  if (segment === rule.keys.length) return visitLeaves(node, rule, position, found);
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index++) {
      if (walk(node[index], rule, segment, { array: node, index, outer: position }, found))
        return true;
    }
    return false;
  }
  const keys = rule.keys[segment] as readonly string[];
  for (let length = 0; length < keys.length; length++) {
    const key = keys[length] as string;
    if (Object.hasOwn(node, key)) {
      const child = (node as Record<string, unknown>)[key];
      if (walk(child, rule, segment + length + 1, position, found)) return true;
    }
  }
  return false;
}

function visitLeaves(
  node: unknown,
  rule: FieldRule,
  position: ArrayPosition | undefined,
  found: FieldValues,
): boolean {
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index++) {
      if (visitLeaves(node[index], rule, { array: node, index, outer: position }, found))
        return true;
    }
    return false;
  }
  // `null` is a value; objects are not leaves.
  if (!isLeaf(node)) return false;
  found.present = true;
  if (rule.matchesAnyValue || rule.test?.(node)) {
    if (position === undefined) {
      found.unconditional = true;
      return true;
    }
    if (found.positions === undefined) found.positions = [position];
    else found.positions.push(position);
  }
  return false;
}

function isLeaf(node: unknown): node is JsonLeaf {
  return (
    node === null ||
    typeof node === 'string' ||
    typeof node === 'number' ||
    typeof node === 'boolean'
  );
}
