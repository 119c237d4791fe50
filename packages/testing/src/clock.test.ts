import { describe, expect, it } from 'vitest';
import { acceleratedClock, InvalidClockFactorError, type SandboxClock } from './clock.js';
import { SandboxError } from './errors.js';

const WAITS = 1_000;
const BATCH = 100;

/**
 * Clock milliseconds for the `index`th wait: up to about three real milliseconds, in fractions of
 * the factor (below one real millisecond too), so the waits do not line up with timer ticks.
 */
const waitFor = (index: number, factor: number) => ((index % 23) * factor) / 7 + (index % 5);

/**
 * Runs `WAITS` waits in parallel batches; each resolves with how far the clock was past its
 * target when the wait ended (negative: early). Returns the early ones.
 */
async function earlyWaits(
  clock: SandboxClock,
  factor: number,
  wait: (ms: number) => Promise<number>,
): Promise<{ ms: number; early: number }[]> {
  const early: { ms: number; early: number }[] = [];
  for (let start = 0; start < WAITS; start += BATCH) {
    const batch = Array.from({ length: BATCH }, async (_, offset) => {
      const ms = waitFor(start + offset, factor);
      const target = clock.now() + ms;
      const lateBy = (await wait(ms)) - target;
      if (lateBy < 0) early.push({ ms, early: lateBy });
    });
    await Promise.all(batch);
  }
  return early;
}

describe('acceleratedClock', () => {
  it.each([0, -2, Number.NaN])('refuses the factor %s with a coded error', (factor) => {
    const error = (() => {
      try {
        acceleratedClock(factor);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidClockFactorError);
    expect(error).toBeInstanceOf(SandboxError);
    expect(error).toMatchObject({ code: 'INVALID_CLOCK_FACTOR', name: 'InvalidClockFactorError' });
  });

  it('runs its time faster than the wall clock by the factor', async () => {
    const clock = acceleratedClock(1000);
    const before = clock.now();
    await clock.sleep(5_000);
    expect(clock.now() - before).toBeGreaterThanOrEqual(5_000);
  });

  it('reads whole milliseconds since the epoch that never go back', () => {
    const wallBefore = Date.now();
    const clock = acceleratedClock(10_000);
    let previous = clock.now();
    expect(previous).toBeGreaterThanOrEqual(wallBefore);
    for (let reading = 0; reading < 1_000; reading++) {
      const current = clock.now();
      expect(Number.isInteger(current)).toBe(true);
      expect(current).toBeGreaterThanOrEqual(previous);
      previous = current;
    }
  });

  it('at factor 1 reads the wall clock: never behind Date.now(), at most a millisecond ahead', () => {
    const outside: { before: number; clock: number; after: number }[] = [];
    for (let made = 0; made < 20; made++) {
      const clock = acceleratedClock(1);
      for (let reading = 0; reading < 1_000; reading++) {
        const before = Date.now();
        const time = clock.now();
        const after = Date.now();
        if (time < before || time > after + 1) outside.push({ before, clock: time, after });
      }
    }
    expect(outside).toEqual([]);
  });

  describe.each([1, 1_000, 10_000])('at factor %s', (factor) => {
    it(`ends none of ${WAITS} sleeps before the clock reached their target`, async () => {
      const clock = acceleratedClock(factor);
      const early = await earlyWaits(clock, factor, (ms) =>
        clock.sleep(ms).then(() => clock.now()),
      );
      expect(early).toEqual([]);
    });

    it(`runs none of ${WAITS} scheduled callbacks before the clock reached their target`, async () => {
      const clock = acceleratedClock(factor);
      const early = await earlyWaits(
        clock,
        factor,
        (ms) => new Promise((resolve) => clock.schedule(() => resolve(clock.now()), ms)),
      );
      expect(early).toEqual([]);
    });
  });

  it('rejects a sleep with the signal reason when aborted before or while it waits', async () => {
    const clock = acceleratedClock(1_000);
    const before = new AbortController();
    before.abort(new Error('stopped before'));
    await expect(clock.sleep(1_000, before.signal)).rejects.toThrow('stopped before');

    const during = new AbortController();
    // An hour of clock time: 3.6 s of wall time, far longer than the abort takes.
    const sleeping = clock.sleep(3_600_000, during.signal);
    setImmediate(() => during.abort(new Error('stopped while waiting')));
    await expect(sleeping).rejects.toThrow('stopped while waiting');
  });

  it('never runs a scheduled callback that was cancelled', async () => {
    const clock = acceleratedClock(1_000);
    const ran: string[] = [];
    const cancel = clock.schedule(() => ran.push('cancelled'), 1_000);
    clock.schedule(() => ran.push('kept'), 1_000);
    cancel();
    await clock.sleep(5_000);
    expect(ran).toEqual(['kept']);
  });
});
