import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, resolveRetry } from './retry.js';

afterEach(() => vi.restoreAllMocks());

describe('backoff', () => {
  it('is full jitter under an exponential ceiling capped at maxDelayMs', () => {
    const options = resolveRetry({ baseDelayMs: 10, maxDelayMs: 100 });
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, options))).toEqual([
      19, 39, 79, 99, 99,
    ]);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(backoffDelay(3, options)).toBe(0);
  });

  it('refuses nonsense attempt counts', () => {
    expect(() => resolveRetry({ maxAttempts: 0 }, 'events')).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        table: 'events',
        issues: [expect.objectContaining({ path: 'retry.maxAttempts', rule: 'maxAttempts' })],
      }),
    );
    expect(() => resolveRetry({ baseDelayMs: Number.NaN, maxDelayMs: -1 })).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({ path: 'retry.baseDelayMs' }),
          expect.objectContaining({ path: 'retry.maxDelayMs' }),
        ],
      }),
    );
    expect(resolveRetry(undefined).maxAttempts).toBe(8);
  });
});
