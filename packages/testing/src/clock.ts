import { SandboxError } from './errors.js';

/**
 * Every timer in the sandbox (visibility timeouts, delays, long polls, retention, delivery retries)
 * reads one clock.
 * Tests pass `acceleratedClock(1000)` so that "receive three times, then the DLQ" takes
 * milliseconds instead of minutes.
 */
export interface SandboxClock {
  /** Milliseconds since the epoch, on this clock (a whole number that never goes back). */
  now(): number;
  /**
   * Resolves after `ms` of this clock's time: once it resolves, `now()` has advanced by at least
   * `ms`. Rejects with the signal's reason when aborted.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Runs `callback` after `ms` of this clock's time (when it runs, `now()` has advanced by at
   * least `ms`); returns a function that cancels it.
   */
  schedule(callback: () => void, ms: number): () => void;
}

/** Wall-clock time. */
export const systemClock: SandboxClock = acceleratedClock(1);

/** Node's longest timer; a longer wait is made of several. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * A clock that runs `factor` times faster than the wall clock, starting at the current time.
 * `acceleratedClock(1000)` turns a 30 s visibility timeout into 30 ms.
 *
 * Time is measured on the monotonic high-resolution timer, anchored to the epoch when the clock is
 * made: a millisecond wall clock times the factor jumps in steps of `factor`, and a timer may
 * fire a little before the time it waited for. A timer that fires before its time is due is
 * armed again for the rest, so waiting never ends early.
 */
export function acceleratedClock(factor: number): SandboxClock {
  if (!(factor > 0)) throw new InvalidClockFactorError(factor);
  const epochAtStart = Date.now();
  const monotonicAtStart = performance.now();
  // Rounded up: `Date.now()` dropped the fraction of the millisecond the clock started in, so at
  // factor 1 this never reads behind `Date.now()`.
  const now = () => epochAtStart + Math.ceil((performance.now() - monotonicAtStart) * factor);

  /** Calls `onDue` once `now()` has reached `due`; returns a function that cancels it. */
  function at(due: number, onDue: () => void, unref: boolean): () => void {
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      const realMs = Math.ceil((due - now()) / factor);
      timer = setTimeout(check, Math.min(Math.max(realMs, 1), LONGEST_TIMER_MS));
      if (unref) timer.unref?.();
    };
    const check = () => (now() >= due ? onDue() : arm());
    arm();
    return () => clearTimeout(timer);
  }

  /** `ms` that is negative or not a number waits for nothing. */
  const dueIn = (ms: number) => now() + (Number.isNaN(ms) ? 0 : Math.max(ms, 0));

  return {
    now,
    // A scheduled callback does not keep the process alive; a pending sleep does.
    schedule: (callback, ms) => at(dueIn(ms), callback, true),
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          cancel();
          reject(signal?.reason);
        };
        const cancel = at(
          dueIn(ms),
          () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          false,
        );
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

/** `acceleratedClock` was given a factor that is not a number above zero. */
export class InvalidClockFactorError extends SandboxError {
  readonly code = 'INVALID_CLOCK_FACTOR' as const;
  override get name(): 'InvalidClockFactorError' {
    return 'InvalidClockFactorError';
  }
  constructor(
    /** The factor that was given. */
    readonly factor: number,
  ) {
    super(`acceleratedClock: factor must be a number above 0, got ${factor}`);
  }
}
