import { SandboxError } from '../errors.js';

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** How long to keep checking, in milliseconds of real time. Default: 10 000. */
  readonly timeout?: number;
  /** Pause between checks, in milliseconds. Default: 50. */
  readonly interval?: number;
}

/** `waitFor` ran out of time: the check never returned a value. */
export class WaitForTimeoutError extends SandboxError {
  readonly code = 'WAIT_TIMED_OUT' as const;
  override get name(): 'WaitForTimeoutError' {
    return 'WaitForTimeoutError';
  }
  constructor(
    /** The timeout that passed, in milliseconds. */
    readonly timeout: number,
    /** What the last check threw, if it threw. */
    readonly lastError?: unknown,
  ) {
    super(
      `waitFor: the check returned nothing within ${timeout} ms` +
        (lastError instanceof Error
          ? `; it last threw ${lastError.name}: ${lastError.message}`
          : ''),
    );
  }
}

/** What `waitFor` keeps waiting on: a check that found nothing yet. */
export type NotYet = undefined | null | false;

/**
 * Calls `check` until it returns something other than `undefined`, `null` or `false` (an item
 * that arrived, a log line, `true`), and resolves with it. A check that throws is retried too;
 * when time runs out, the `WaitForTimeoutError` carries what it last threw.
 *
 * ```ts
 * const item = await waitFor(() => users.get({ user_id: 'u1' }));
 * await waitFor(() => sandbox.lambda.logs('handler').some((entry) => entry.line === 'done'));
 * ```
 */
export async function waitFor<T>(
  check: () => T | NotYet | Promise<T | NotYet>,
  options: WaitForOptions = {},
): Promise<Exclude<T, NotYet>> {
  const timeout = options.timeout ?? 10_000;
  const interval = options.interval ?? 50;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) {
        return value as Exclude<T, NotYet>;
      }
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) throw new WaitForTimeoutError(timeout, lastError);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
