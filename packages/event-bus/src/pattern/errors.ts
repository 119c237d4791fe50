import { DavinciEventBusError } from '../errors.js';

/**
 * An event pattern EventBridge would refuse (`InvalidEventPatternException`). Names the place in
 * the pattern (`detail.state[0].anything-but`) and the rule it broke, so the pattern can be fixed
 * before a rule is deployed.
 */
export class InvalidEventPatternError extends DavinciEventBusError {
  readonly code = 'INVALID_EVENT_PATTERN' as const;
  override get name(): 'InvalidEventPatternError' {
    return 'InvalidEventPatternError';
  }
  constructor(
    /** Where in the pattern: field path, then the position inside a value list (`a.b[1].prefix`). */
    readonly path: string,
    /** A short, stable name of the rule that was broken, e.g. `empty-array` or `numeric-syntax`. */
    readonly rule: string,
    /** What is wrong, in words. */
    readonly detail: string,
  ) {
    super(
      `invalid event pattern at ${path === '' ? 'the root' : `"${path}"`}: ${detail} (rule: ${rule})`,
    );
  }
}

/** Throws an {@link InvalidEventPatternError}; typed `never` so callers narrow after it. */
export function invalidPattern(path: string, rule: string, detail: string): never {
  throw new InvalidEventPatternError(path, rule, detail);
}
