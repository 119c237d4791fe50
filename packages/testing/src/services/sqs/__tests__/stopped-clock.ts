import type { SandboxClock } from '../../../clock.js';

/**
 * A clock on which time never passes: `now()` stays put, `sleep` resolves only when its signal
 * aborts and scheduled callbacks never run. A long poll on it returns only if something wakes it,
 * so a test of the wake-up fails (by timing out) when the wake-up is broken, instead of passing
 * at the poll's deadline.
 */
export function stoppedClock(at = Date.now()): SandboxClock {
  return {
    now: () => at,
    schedule: () => () => {},
    sleep: (_ms, signal) =>
      new Promise((_resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
  };
}

/** Per-test timeout for wake-up tests: far below a 20 s poll, far above a woken answer. */
export const WAKE_UP_TIMEOUT_MS = 5_000;
