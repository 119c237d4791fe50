import { describe, expect, it } from 'vitest';
import { decideRetry, retryDelayMs } from './retry-policy.js';

const lowest = () => 0;
const highest = () => 0.999_999;

describe('retry backoff', () => {
  it('doubles the ceiling from 1 s, with jitter between half the ceiling and the ceiling', () => {
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(retry, lowest))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect(retryDelayMs(1, highest)).toBeCloseTo(1000, 0);
    expect(retryDelayMs(3, highest)).toBeCloseTo(4000, 0);
  });

  it('caps the wait at five minutes', () => {
    expect(retryDelayMs(30, highest)).toBeCloseTo(300_000, 0);
    expect(retryDelayMs(185, lowest)).toBe(150_000);
  });
});

describe('decideRetry', () => {
  it('uses AWS defaults without a policy: 185 retries within 24 hours', () => {
    expect(decideRetry(undefined, 184, 0, lowest)).toEqual({ retry: true, delayMs: 150_000 });
    expect(decideRetry(undefined, 185, 0, lowest)).toEqual({
      retry: false,
      exhausted: 'MaximumRetryAttempts',
    });
    expect(decideRetry(undefined, 10, 86_400_000 - 1_000, lowest)).toEqual({
      retry: false,
      exhausted: 'MaximumEventAgeInSeconds',
    });
  });

  it('follows the target policy', () => {
    const policy = { MaximumRetryAttempts: 0 };
    expect(decideRetry(policy, 0, 0)).toEqual({ retry: false, exhausted: 'MaximumRetryAttempts' });
    const young = { MaximumEventAgeInSeconds: 60 };
    expect(decideRetry(young, 0, 59_000, lowest)).toEqual({ retry: true, delayMs: 500 });
    expect(decideRetry(young, 0, 59_600, lowest)).toEqual({
      retry: false,
      exhausted: 'MaximumEventAgeInSeconds',
    });
  });
});
