/** How failed entries are retried. */
export interface RetryOptions {
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

/** Exponential backoff with full jitter: a random wait in [0, min(max, base · 2^(attempt-1))]. */
export function backoffDelayMs(
  attempt: number,
  options: RetryOptions,
  random = Math.random,
): number {
  const base = options.baseDelayMs ?? 100;
  const cap = options.maxDelayMs ?? 5_000;
  return Math.round(random() * Math.min(cap, base * 2 ** Math.max(0, attempt - 1)));
}

export const sleep = (ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
