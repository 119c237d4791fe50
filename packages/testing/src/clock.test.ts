import { describe, expect, it } from 'vitest';
import { acceleratedClock, InvalidClockFactorError } from './clock.js';
import { SandboxError } from './errors.js';

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
});
