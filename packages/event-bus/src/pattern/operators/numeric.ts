import { invalidPattern } from '../errors.js';
import { comparableNumber, NUMERIC_LIMIT } from '../values/numbers.js';
import { type LeafCondition, valueTest } from './condition.js';

const LOWER_BOUNDS = new Set(['>', '>=']);
const UPPER_BOUNDS = new Set(['<', '<=']);

/** A number that may take part in numeric matching, in its comparable form. */
export function comparableOperand(value: unknown, at: string, role: string): number {
  if (typeof value !== 'number')
    return invalidPattern(at, 'operand-type', `${role} must be a number`);
  const comparable = comparableNumber(value);
  if (comparable === undefined) {
    return invalidPattern(
      at,
      'number-range',
      `${role} must be between -${NUMERIC_LIMIT} and ${NUMERIC_LIMIT}, inclusive`,
    );
  }
  return comparable;
}

/**
 * `{ numeric: ['>', 0, '<=', 5] }`. The list is `'=' n`, or one bound, or a lower bound
 * (`>`/`>=`) followed by an upper bound (`<`/`<=`) above it. Only JSON numbers in the event
 * match — the string `"300"` never does.
 */
export function numericCondition(operand: unknown, at: string): LeafCondition {
  if (!Array.isArray(operand)) {
    return invalidPattern(at, 'numeric-syntax', 'the numeric operand must be an array');
  }
  const terms: readonly unknown[] = operand;
  const [operator, value] = terms;
  if (typeof operator !== 'string') {
    return invalidPattern(
      at,
      'numeric-syntax',
      'a numeric expression starts with an operator string',
    );
  }
  if (operator !== '=' && !LOWER_BOUNDS.has(operator) && !UPPER_BOUNDS.has(operator)) {
    return invalidPattern(at, 'numeric-syntax', `unknown numeric operator "${operator}"`);
  }
  const first = comparableOperand(value, `${at}[1]`, `the value after "${operator}"`);

  if (operator === '=' || UPPER_BOUNDS.has(operator)) {
    if (terms.length > 2) {
      return invalidPattern(at, 'numeric-syntax', `nothing may follow the "${operator}" term`);
    }
    if (operator === '=') return valueTest((actual) => compare(actual) === first);
    const inclusive = operator === '<=';
    return valueTest((actual) => {
      const n = compare(actual);
      return n !== undefined && (inclusive ? n <= first : n < first);
    });
  }

  const lowInclusive = operator === '>=';
  if (terms.length === 2) {
    return valueTest((actual) => {
      const n = compare(actual);
      return n !== undefined && (lowInclusive ? n >= first : n > first);
    });
  }
  const upper = terms[2];
  if (typeof upper !== 'string' || !UPPER_BOUNDS.has(upper)) {
    return invalidPattern(
      at,
      'numeric-syntax',
      'a lower bound may only be followed by "<" or "<="',
    );
  }
  if (terms.length < 4) {
    return invalidPattern(at, 'numeric-syntax', `"${upper}" must be followed by a number`);
  }
  const high = comparableOperand(terms[3], `${at}[3]`, `the value after "${upper}"`);
  if (terms.length > 4) {
    return invalidPattern(at, 'numeric-syntax', 'too many terms in the numeric range');
  }
  if (first >= high) {
    return invalidPattern(at, 'numeric-range', 'the lower bound must be less than the upper bound');
  }
  const highInclusive = upper === '<=';
  return valueTest((actual) => {
    const n = compare(actual);
    return (
      n !== undefined &&
      (lowInclusive ? n >= first : n > first) &&
      (highInclusive ? n <= high : n < high)
    );
  });
}

function compare(actual: unknown): number | undefined {
  return typeof actual === 'number' ? comparableNumber(actual) : undefined;
}
