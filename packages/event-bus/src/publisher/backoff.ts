import { ValidationError, type ValidationIssue } from '@davinci/orm';

/** How an `EventPublisher` retries entries that failed with a retryable code. */
export interface PublishRetryOptions {
  /** Sends per entry, the first included. Default: 4. */
  readonly maxAttempts?: number;
  /** The first retry waits up to this long; each later one doubles it. Default: 100 ms. */
  readonly baseDelayMs?: number;
  /** No wait is longer than this. Default: 5,000 ms. */
  readonly maxDelayMs?: number;
}

/** Entry error codes EventBridge documents as retryable. The rest never succeed on retry. */
export const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set([
  'InternalFailure',
  'InternalException',
  'ThrottlingException',
  'ServiceUnavailable',
]);

export const DEFAULT_PUBLISH_RETRY = {
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
} as const;

/**
 * The publisher's settings with defaults applied. Nonsense (0 attempts, a negative delay) is
 * refused with a `ValidationError` when the publisher is created, never clamped silently.
 */
export function resolvePublishSettings(
  retry: PublishRetryOptions | undefined,
  maxConcurrentRequests: number | undefined,
): { retry: Required<PublishRetryOptions>; maxConcurrentRequests: number } {
  const resolved = { ...DEFAULT_PUBLISH_RETRY, ...retry };
  const concurrency = maxConcurrentRequests ?? 4;
  const issues: ValidationIssue[] = [];
  const integerAtLeastOne = (path: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) {
      issues.push({ path, rule: 'integer', message: `must be an integer >= 1, got ${value}` });
    }
  };
  integerAtLeastOne('retry.maxAttempts', resolved.maxAttempts);
  for (const name of ['baseDelayMs', 'maxDelayMs'] as const) {
    const value = resolved[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      issues.push({
        path: `retry.${name}`,
        rule: 'range',
        message: `must be a finite number >= 0, got ${value}`,
      });
    }
  }
  integerAtLeastOne('maxConcurrentRequests', concurrency);
  if (issues.length > 0) throw new ValidationError(issues);
  return { retry: resolved, maxConcurrentRequests: concurrency };
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base · 2^(attempt-1))]. */
export function backoffDelayMs(
  attempt: number,
  options: PublishRetryOptions,
  random = Math.random,
): number {
  const base = options.baseDelayMs ?? 100;
  const cap = options.maxDelayMs ?? 5_000;
  return Math.round(random() * Math.min(cap, base * 2 ** Math.max(0, attempt - 1)));
}

export const sleep = (ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
