/**
 * EventBridge compares numbers as fixed-point values: six decimal places, magnitude at most five
 * billion. A number outside that range cannot take part in numeric matching (in a pattern's
 * numeric operator or anything-but list it is an error; in an event it simply never matches).
 */
export const NUMERIC_LIMIT = 5e9;

const SCALE = 1e6;

/** The fixed-point form used for numeric comparisons, or undefined if the number is out of range. */
export function comparableNumber(value: number): number | undefined {
  if (!Number.isFinite(value) || value > NUMERIC_LIMIT || value < -NUMERIC_LIMIT) return undefined;
  return Math.round(value * SCALE);
}
