import { invalidPattern } from '../errors.js';
import { caseInsensitiveTest } from '../values/case-folding.js';
import { comparableNumber } from '../values/numbers.js';
import type { WildcardTerm } from '../values/wildcard-complexity.js';
import { type LeafCondition, singleEntry, valueTest } from './condition.js';
import { comparableOperand } from './numeric.js';
import { compileWildcard } from './string-match.js';

/**
 * `anything-but`: the field is present and its value is not one of those given. Its operand is a
 * string, a number, a non-empty list of only strings or only numbers, or an object applying
 * `prefix`, `suffix`, `wildcard` or `equals-ignore-case` to a string or a list of strings. Values
 * of another type (null, booleans, numbers against string operands) are "anything but" and match.
 */
export function anythingButCondition(operand: unknown, at: string): LeafCondition {
  if (typeof operand === 'object' && operand !== null && !Array.isArray(operand)) {
    const [operator, inner] = singleEntry(operand, at, 'anything-but expression');
    return anythingButStringOperator(operator, inner, `${at}.${operator}`);
  }
  if (typeof operand === 'string' || typeof operand === 'number')
    return excludedValues([operand], at);
  if (Array.isArray(operand)) return excludedValues(operand, at);
  return invalidPattern(
    at,
    'anything-but-operand',
    'the anything-but operand must be a string, a number, a list of them, or an operator object',
  );
}

function excludedValues(values: readonly unknown[], at: string): LeafCondition {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  values.forEach((value, index) => {
    if (typeof value === 'string') strings.add(value);
    else if (typeof value === 'number')
      numbers.add(comparableOperand(value, `${at}[${index}]`, 'an anything-but number'));
    else {
      invalidPattern(
        `${at}[${index}]`,
        'anything-but-operand',
        'an anything-but list may hold only strings or only numbers (no null, booleans, lists or objects)',
      );
    }
  });
  if (strings.size > 0 === numbers.size > 0) {
    return invalidPattern(
      at,
      'anything-but-operand',
      'an anything-but list must hold at least one value, all strings or all numbers',
    );
  }
  if (strings.size > 0)
    return valueTest((actual) => !(typeof actual === 'string' && strings.has(actual)));
  return valueTest((actual) => {
    if (typeof actual !== 'number') return true;
    const comparable = comparableNumber(actual);
    return comparable === undefined || !numbers.has(comparable);
  });
}

function stringOperands(inner: unknown, at: string, operator: string): readonly string[] {
  const list = Array.isArray(inner) ? (inner as readonly unknown[]) : [inner];
  return list.map((value, index) => {
    const where = Array.isArray(inner) ? `${at}[${index}]` : at;
    if (typeof value !== 'string') {
      return invalidPattern(where, 'operand-type', `anything-but ${operator} takes strings`);
    }
    if ((operator === 'prefix' || operator === 'suffix') && value === '') {
      return invalidPattern(where, 'empty-affix', `an anything-but ${operator} must not be empty`);
    }
    return value;
  });
}

function anythingButStringOperator(operator: string, inner: unknown, at: string): LeafCondition {
  let matches: (text: string) => boolean;
  let wildcard: WildcardTerm | undefined;
  switch (operator) {
    case 'prefix': {
      const prefixes = stringOperands(inner, at, operator);
      matches = (text) => prefixes.some((prefix) => text.startsWith(prefix));
      break;
    }
    case 'suffix': {
      const suffixes = stringOperands(inner, at, operator);
      matches = (text) => suffixes.some((suffix) => text.endsWith(suffix));
      break;
    }
    case 'equals-ignore-case': {
      const tests = stringOperands(inner, at, operator).map((value) =>
        caseInsensitiveTest(value, 'whole'),
      );
      matches = (text) => tests.some((test) => test(text));
      break;
    }
    case 'wildcard': {
      const values = stringOperands(inner, at, operator);
      const tests = values.map((value, index) =>
        compileWildcard(value, Array.isArray(inner) ? `${at}[${index}]` : at),
      );
      matches = (text) => tests.some((test) => test(text));
      const distinct = [...new Set(values)].sort();
      wildcard = {
        identity: `anything-but-wildcard:${JSON.stringify(distinct)}`,
        values: distinct,
      };
      break;
    }
    default:
      return invalidPattern(
        at,
        'unknown-operator',
        `anything-but supports prefix, suffix, wildcard and equals-ignore-case, not "${operator}"`,
      );
  }
  return valueTest((actual) => typeof actual !== 'string' || !matches(actual), wildcard);
}
