import { invalidPattern } from './errors.js';
import { type LeafCondition, parseValueListEntry, type ValueTest } from './operators/index.js';
import { objectEntries, readPatternJson } from './pattern-json.js';
import {
  WILDCARD_COMPLEXITY_LIMIT,
  type WildcardTerm,
  wildcardComplexity,
} from './values/wildcard-complexity.js';

/**
 * One field a pattern constrains, ready for matching: the field's path (nested keys joined with
 * dots, as EventBridge joins them) and what its value list accepts.
 */
export interface FieldRule {
  /** `detail.state`: nested pattern keys and dotted keys lead to the same path. */
  readonly path: string;
  /**
   * `keys[i][k]`: the event key made of path segments i..i+k. An event may spell a path with
   * nested objects or with dotted keys (`{"state.status": …}`), so each split is tried.
   */
  readonly keys: readonly (readonly string[])[];
  /** Accepts one value of the field; undefined when the list holds only `exists` entries. */
  readonly test: ValueTest | undefined;
  /** The list holds `{ exists: true }`: any present value will do. */
  readonly matchesAnyValue: boolean;
  /** The list holds `{ exists: false }`: the field's absence satisfies it. */
  readonly matchesAbsent: boolean;
}

/** A set of fields that must all match; a pattern is one or more of them (one per `$or` choice). */
export type Branch = readonly FieldRule[];

/** Field names that may not appear inside `$or` objects (operators and reserved words). */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

/**
 * The most alternatives a pattern's `$or`s may expand to. Sibling `$or`s multiply, so a short
 * pattern could otherwise expand to millions of branches, each one tried against every event.
 */
export const MAX_PATTERN_ALTERNATIVES = 1_000;

/** A field's wildcard entries across the whole pattern, for the rule-complexity check. */
interface FieldWildcards {
  /** Where the field first appears, for the error message. */
  readonly at: string;
  readonly terms: Map<string, WildcardTerm>;
}

interface ParseState {
  branches: Map<string, FieldRule>[];
  /** Shared by every `$or` alternative. */
  readonly wildcards: Map<string, FieldWildcards>;
}

/**
 * Checks a pattern against every rule EventBridge enforces and turns it into branches of field
 * rules. Like EventBridge, a later key that leads to an already-seen field path replaces it.
 */
export function parsePattern(input: unknown): readonly Branch[] {
  const root = typeof input === 'string' ? readPatternJson(input) : input;
  const entries = objectEntries(root);
  if (entries === undefined) {
    return invalidPattern('', 'pattern-object', 'an event pattern must be a JSON object');
  }
  const state: ParseState = { branches: [], wildcards: new Map() };
  parseObject(entries, '', '', state, false);
  checkWildcardComplexity(state.wildcards);
  return state.branches.map((branch) => [...branch.values()]);
}

function parseObject(
  entries: readonly (readonly [string, unknown])[],
  path: string,
  at: string,
  state: ParseState,
  insideOr: boolean,
): void {
  if (entries.length === 0) {
    invalidPattern(at, 'empty-object', 'empty objects are not allowed in a pattern');
  }
  for (const [key, value] of entries) {
    const here = at === '' ? key : `${at}.${key}`;
    if (key === '$or') {
      parseOr(value, path, here, state);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      invalidPattern(
        here,
        'or-reserved-field',
        `"${key}" is reserved and cannot be a field name inside $or`,
      );
    }
    const fieldPath = path === '' ? key : `${path}.${key}`;
    if (Array.isArray(value)) {
      writeField(fieldPath, value, here, state);
      continue;
    }
    const nested = objectEntries(value);
    if (nested === undefined) {
      invalidPattern(
        here,
        'field-value-type',
        `"${key}" must be an object or a list of values (wrap a single value in [ ])`,
      );
    }
    parseObject(nested, fieldPath, here, state, insideOr);
  }
}

function parseOr(value: unknown, path: string, at: string, state: ParseState): void {
  if (!Array.isArray(value)) {
    invalidPattern(at, 'or-syntax', '$or must be followed by a list of objects');
  }
  const alternatives: readonly unknown[] = value;
  const before = state.branches;
  state.branches = [];
  alternatives.forEach((alternative, index) => {
    const entries = objectEntries(alternative);
    const here = `${at}[${index}]`;
    if (entries === undefined) invalidPattern(here, 'or-syntax', 'only objects are allowed in $or');
    const forked: ParseState = {
      branches: before.length === 0 ? [new Map()] : before.map((branch) => new Map(branch)),
      wildcards: state.wildcards,
    };
    parseObject(entries, path, here, forked, true);
    state.branches.push(...forked.branches);
    // Checked as the expansion grows, so a refused pattern never gets to build its branches.
    if (state.branches.length > MAX_PATTERN_ALTERNATIVES) {
      invalidPattern(
        at,
        'or-complexity',
        `the rule is too complex: its $or combinations expand to more than ${MAX_PATTERN_ALTERNATIVES} alternatives`,
      );
    }
  });
  if (alternatives.length < 2) {
    invalidPattern(at, 'or-syntax', '$or needs at least 2 objects');
  }
}

function writeField(path: string, list: readonly unknown[], at: string, state: ParseState): void {
  if (list.length === 0) {
    invalidPattern(at, 'empty-array', 'a value list must not be empty');
  }
  const conditions = list.map((entry, index) => parseValueListEntry(entry, `${at}[${index}]`));
  for (const condition of conditions) {
    if (condition.kind !== 'test' || condition.wildcard === undefined) continue;
    let field = state.wildcards.get(path);
    if (field === undefined) {
      field = { at, terms: new Map() };
      state.wildcards.set(path, field);
    }
    field.terms.set(condition.wildcard.identity, condition.wildcard);
  }
  const rule = fieldRule(path, conditions);
  if (state.branches.length === 0) state.branches.push(new Map());
  for (const branch of state.branches) branch.set(path, rule);
}

function fieldRule(path: string, conditions: readonly LeafCondition[]): FieldRule {
  const tests: ValueTest[] = [];
  let matchesAnyValue = false;
  let matchesAbsent = false;
  for (const condition of conditions) {
    if (condition.kind === 'test') tests.push(condition.test);
    else if (condition.exists) matchesAnyValue = true;
    else matchesAbsent = true;
  }
  const segments = path.split('.');
  const keys = segments.map((_, start) =>
    segments.slice(start).map((__, length) => segments.slice(start, start + length + 1).join('.')),
  );
  return { path, keys, test: anyOf(tests), matchesAnyValue, matchesAbsent };
}

function anyOf(tests: readonly ValueTest[]): ValueTest | undefined {
  if (tests.length <= 1) return tests[0];
  return (value) => {
    for (const test of tests) if (test(value)) return true;
    return false;
  };
}

/** EventBridge rejects a field whose wildcards could keep too many patterns in play at once. */
function checkWildcardComplexity(fields: ReadonlyMap<string, FieldWildcards>): void {
  for (const { at, terms } of fields.values()) {
    if (wildcardComplexity([...terms.values()]) > WILDCARD_COMPLEXITY_LIMIT) {
      invalidPattern(
        at,
        'wildcard-complexity',
        'the rule is too complex: use fewer wildcard characters, or fewer repeating character sequences after a wildcard',
      );
    }
  }
}
