import { invalidPattern } from '../errors.js';
import { objectEntries } from '../pattern-json.js';
import { anythingButCondition } from './anything-but.js';
import { cidrCondition } from './cidr.js';
import { type LeafCondition, singleEntry } from './condition.js';
import { literalCondition } from './exact.js';
import { numericCondition } from './numeric.js';
import { affixCondition, equalsIgnoreCaseCondition, wildcardCondition } from './string-match.js';

export type { LeafCondition, ValueTest } from './condition.js';

/** The operators a value list may use, each turning its operand into a condition. */
const OPERATORS: Readonly<Record<string, (operand: unknown, at: string) => LeafCondition>> = {
  prefix: (operand, at) => affixCondition('prefix', operand, at),
  suffix: (operand, at) => affixCondition('suffix', operand, at),
  'equals-ignore-case': equalsIgnoreCaseCondition,
  wildcard: wildcardCondition,
  'anything-but': anythingButCondition,
  numeric: numericCondition,
  cidr: cidrCondition,
  exists: (operand, at) =>
    typeof operand === 'boolean'
      ? { kind: 'exists', exists: operand }
      : invalidPattern(at, 'operand-type', 'exists takes true or false'),
};

/** One entry of a value list (`at` names it, e.g. `detail.state[0]`) as a condition. */
export function parseValueListEntry(entry: unknown, at: string): LeafCondition {
  if (objectEntries(entry) === undefined) return literalCondition(entry, at);
  const [operator, operand] = singleEntry(entry, at, 'match expression');
  const parse = Object.hasOwn(OPERATORS, operator) ? OPERATORS[operator] : undefined;
  if (parse === undefined) {
    return invalidPattern(
      `${at}.${operator}`,
      'unknown-operator',
      `unknown operator "${operator}"`,
    );
  }
  return parse(operand, `${at}.${operator}`);
}
