import { invalidPattern } from '../errors.js';
import { compareAddresses, looksLikeIpAddress, parseIpAddress } from '../values/ip-address.js';
import { comparableNumber } from '../values/numbers.js';
import { type LeafCondition, valueTest } from './condition.js';

/**
 * A literal in a value list. Strings match exactly (no case folding or normalisation) — except
 * that an IP address literal matches any spelling of the same address. Numbers match numerically
 * (`300` matches `300.0` and `3e2`), and `true`/`false`/`null` match only themselves: the string
 * `"null"` is not `null`, the string `"300"` is not `300`.
 */
export function literalCondition(value: unknown, at: string): LeafCondition {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') {
    // Only reachable from pattern objects: JSON text has no NaN or Infinity, and
    // JSON.stringify would turn them into null, changing what the rule matches.
    if (!Number.isFinite(value)) {
      return invalidPattern(at, 'value-type', 'a number in a value list must be finite');
    }
    return numberLiteral(value);
  }
  if (value === null || typeof value === 'boolean') return valueTest((actual) => actual === value);
  return invalidPattern(
    at,
    'value-type',
    'a value list may hold strings, numbers, true, false, null or operator objects',
  );
}

function stringLiteral(expected: string): LeafCondition {
  const address = looksLikeIpAddress(expected) ? parseIpAddress(expected) : undefined;
  if (address === undefined) return valueTest((actual) => actual === expected);
  return valueTest((actual) => {
    if (actual === expected) return true;
    if (typeof actual !== 'string') return false;
    const other = parseIpAddress(actual);
    return (
      other !== undefined &&
      other.length === address.length &&
      compareAddresses(other, address) === 0
    );
  });
}

function numberLiteral(expected: number): LeafCondition {
  const comparable = comparableNumber(expected);
  return valueTest(
    (actual) =>
      typeof actual === 'number' &&
      (actual === expected ||
        (comparable !== undefined && comparableNumber(actual) === comparable)),
  );
}
