import { invalidPattern } from '../errors.js';
import { caseInsensitiveTest } from '../values/case-folding.js';
import { parseWildcard, wildcardTest } from '../values/wildcard.js';
import { type LeafCondition, singleEntry, stringOperand, valueTest } from './condition.js';

type Position = 'prefix' | 'suffix';

/**
 * `{ prefix: 'a' }` / `{ suffix: 'a' }`, or their case-insensitive form
 * `{ prefix: { 'equals-ignore-case': 'a' } }`. Only string values can match.
 */
export function affixCondition(position: Position, operand: unknown, at: string): LeafCondition {
  if (typeof operand === 'string') {
    return position === 'prefix'
      ? valueTest((actual) => typeof actual === 'string' && actual.startsWith(operand))
      : valueTest((actual) => typeof actual === 'string' && actual.endsWith(operand));
  }
  if (typeof operand === 'object' && operand !== null && !Array.isArray(operand)) {
    const [operator, inner] = singleEntry(operand, at, `${position} expression`);
    if (operator !== 'equals-ignore-case') {
      return invalidPattern(
        `${at}.${operator}`,
        'unknown-operator',
        `${position} supports only equals-ignore-case inside it, not "${operator}"`,
      );
    }
    const test = caseInsensitiveTest(
      stringOperand(inner, `${at}.${operator}`, 'equals-ignore-case'),
      position === 'prefix' ? 'start' : 'end',
    );
    return valueTest((actual) => typeof actual === 'string' && test(actual));
  }
  return invalidPattern(at, 'operand-type', `the ${position} operand must be a string`);
}

/** `{ 'equals-ignore-case': 'a' }`: a string equal to the operand in any letter case. */
export function equalsIgnoreCaseCondition(operand: unknown, at: string): LeafCondition {
  const test = caseInsensitiveTest(stringOperand(operand, at, 'equals-ignore-case'), 'whole');
  return valueTest((actual) => typeof actual === 'string' && test(actual));
}

/** Checks a wildcard value and returns the test for strings it matches. */
export function compileWildcard(operand: unknown, at: string): (text: string) => boolean {
  const pieces = parseWildcard(stringOperand(operand, at, 'wildcard'));
  if (typeof pieces === 'string') {
    return invalidPattern(at, 'wildcard-syntax', pieces);
  }
  return wildcardTest(pieces);
}

/** `{ wildcard: 'a*b' }`: a string matching the wildcard. */
export function wildcardCondition(operand: unknown, at: string): LeafCondition {
  const test = compileWildcard(operand, at);
  const value = operand as string;
  return valueTest((actual) => typeof actual === 'string' && test(actual), {
    identity: `wildcard:${value}`,
    values: [value],
  });
}
