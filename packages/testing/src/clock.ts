import { SandboxError } from './errors.js';

/**
 * Every timer in the sandbox (visibility timeouts, delays, long polls, retention, delivery retries)
 * reads one clock.
 * Tests pass `acceleratedClock(1000)` so that "receive three times, then the DLQ" takes
 * milliseconds instead of minutes.
 */
export interface SandboxClock {
  /** Milliseconds since the epoch, on this clock. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Runs `callback` after `ms` of this clock's time; returns a function that cancels it. */
  schedule(callback: () => void, ms: number): () => void;
}

/** Wall-clock time. */
export const systemClock: SandboxClock = acceleratedClock(1);

/**
 * A clock that runs `factor` times faster than the wall clock, starting at the current time.
 * `acceleratedClock(1000)` turns a 30 s visibility timeout into 30 ms.
 */
export function acceleratedClock(factor: number): SandboxClock {
  if (!(factor > 0)) throw new InvalidClockFactorError(factor);
  const origin = Date.now();
  const toReal = (ms: number) => Math.max(0, ms / factor);
  return {
    now: () => origin + (Date.now() - origin) * factor,
    schedule(callback, ms) {
      const timer = setTimeout(callback, toReal(ms));
      timer.unref?.();
      return () => clearTimeout(timer);
    },
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, toReal(ms));
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

/** `acceleratedClock` was given a factor that is not a number above zero. */
export class InvalidClockFactorError extends SandboxError {
  override readonly name = 'InvalidClockFactorError';
  readonly code = 'INVALID_CLOCK_FACTOR';
  constructor(
    /** The factor that was given. */
    readonly factor: number,
  ) {
    super(`acceleratedClock: factor must be a number above 0, got ${factor}`);
  }
}
