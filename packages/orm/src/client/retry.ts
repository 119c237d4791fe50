import { ValidationError, type ValidationIssue } from '../errors.js';

/** How batch operations retry what DynamoDB left unprocessed. */
export interface BatchRetryOptions {
  /** Total attempts, the first request included. Default: 8. */
  readonly maxAttempts?: number;
  /** Base of the exponential backoff in milliseconds. Default: 50. */
  readonly baseDelayMs?: number;
  /** Upper bound of one wait in milliseconds. Default: 5000. */
  readonly maxDelayMs?: number;
}

export const DEFAULT_RETRY = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 5_000 } as const;

/** Settings with defaults applied; rejects nonsense before any request. */
export function resolveRetry(
  options: BatchRetryOptions | undefined,
  table?: string,
): Required<BatchRetryOptions> {
  const resolved = { ...DEFAULT_RETRY, ...options };
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1) {
    issues.push({
      path: 'retry.maxAttempts',
      rule: 'maxAttempts',
      message: `must be an integer >= 1, got ${resolved.maxAttempts}`,
    });
  }
  for (const name of ['baseDelayMs', 'maxDelayMs'] as const) {
    const value = resolved[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      issues.push({
        path: `retry.${name}`,
        rule: name,
        message: `must be a finite number >= 0, got ${value}`,
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, table);
  return resolved;
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(max, base · 2^retry)), which
 * spreads retrying clients apart instead of having them collide again in lockstep.
 */
export function backoffDelay(retry: number, options: Required<BatchRetryOptions>): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(Math.random() * ceiling);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
