import type { SandboxClock } from '../../../clock.js';

/** A clock a test moves by hand: time passes, and scheduled callbacks run, only in `advance()`. */
export interface ManualClock {
  readonly clock: SandboxClock;
  /** Moves time on by `ms` and runs every callback that is due by then, earliest first. */
  advance(ms: number): void;
  /** How many callbacks wait to run. */
  pending(): number;
}

export function manualClock(start = Date.now()): ManualClock {
  let now = start;
  const waiting = new Set<{ readonly at: number; readonly run: () => void }>();
  const schedule = (run: () => void, ms: number) => {
    const entry = { at: now + Math.max(ms, 0), run };
    waiting.add(entry);
    return () => {
      waiting.delete(entry);
    };
  };
  return {
    clock: {
      now: () => now,
      schedule,
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          if (signal?.aborted) return reject(signal.reason);
          const cancel = schedule(() => resolve(), ms);
          signal?.addEventListener(
            'abort',
            () => {
              cancel();
              reject(signal.reason);
            },
            { once: true },
          );
        }),
    },
    advance(ms) {
      now += ms;
      for (const entry of [...waiting].sort((a, b) => a.at - b.at)) {
        if (entry.at > now || !waiting.has(entry)) continue;
        waiting.delete(entry);
        entry.run();
      }
    },
    pending: () => waiting.size,
  };
}
