import { describe, expect, it } from 'vitest';
import { WaitForTimeoutError, waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('resolves with the first value the check returns, retrying undefined and throws', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        calls += 1;
        if (calls === 1) throw new Error('not yet');
        return calls < 3 ? undefined : { calls };
      },
      { interval: 1 },
    );
    expect(value).toEqual({ calls: 3 });
  });

  it('waits while the check returns false or null, as a boolean or a lookup says "not yet"', async () => {
    const answers = [false, null, undefined, true];
    let calls = 0;
    expect(await waitFor(() => answers[calls++], { interval: 1 })).toBe(true);
    expect(calls).toBe(4);
  });

  it('keeps the falsy values that are answers: 0 and the empty string', async () => {
    expect(await waitFor(() => 0)).toBe(0);
    expect(await waitFor(() => '')).toBe('');
  });

  it('fails with a typed error that says what the check last threw', async () => {
    const attempt = waitFor(
      () => {
        throw new TypeError('table missing');
      },
      { timeout: 20, interval: 5 },
    );
    await expect(attempt).rejects.toThrow(WaitForTimeoutError);
    await expect(attempt).rejects.toThrow(
      'waitFor: the check returned nothing within 20 ms; it last threw TypeError: table missing',
    );
    await expect(waitFor(() => undefined, { timeout: 10, interval: 5 })).rejects.toMatchObject({
      name: 'WaitForTimeoutError',
      code: 'WAIT_TIMED_OUT',
      message: 'waitFor: the check returned nothing within 10 ms',
    });
  });
});
