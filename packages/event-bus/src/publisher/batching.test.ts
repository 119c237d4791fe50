import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';
import { packFirstFit, packIntoRequests } from './batching.js';
import { putEventsEntrySize } from './entry-size.js';

describe('putEventsEntrySize', () => {
  it('counts 14 bytes for Time and UTF-8 bytes of Source, DetailType, Detail and Resources', () => {
    const entry = {
      Source: 'app',
      DetailType: 'a.b',
      Detail: '{"n":"é"}',
      Resources: ['arn:x', 'ü'],
    };
    expect(putEventsEntrySize(entry)).toBe(3 + 3 + 10 + 5 + 2);
    expect(putEventsEntrySize({ ...entry, Time: new Date(), EventBusName: 'ignored' })).toBe(
      3 + 3 + 10 + 5 + 2 + 14,
    );
  });
});

describe('packIntoRequests', () => {
  const sized = (...sizes: number[]) => sizes.map((size, id) => ({ id, size }));

  it('never exceeds 10 entries per request', () => {
    const requests = packIntoRequests(sized(...Array.from({ length: 23 }, () => 1)));
    expect(requests.map((request) => request.length)).toEqual([10, 10, 3]);
  });

  it('fills gaps left by large entries (first fit), keeping arrival order within a request', () => {
    const requests = packFirstFit(sized(200_000, 200_000, 50_000, 50_000));
    expect(requests.map((request) => request.map((entry) => entry.id))).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('places the largest entries first, reaching the minimum where arrival order cannot', () => {
    // Arrival-order first fit needs 3 requests: [60K, 160K], [100K], [200K].
    const sizes = [60_000, 160_000, 100_000, 200_000];
    expect(packFirstFit(sized(...sizes))).toHaveLength(3);
    const requests = packIntoRequests(sized(...sizes));
    expect(requests.map((request) => request.map((entry) => entry.id))).toEqual([
      [3, 0],
      [1, 2],
    ]);
  });

  it('puts an entry of exactly the limit alone', () => {
    const requests = packIntoRequests(sized(262_144, 1, 262_143));
    expect(requests.map((request) => request.map((entry) => entry.id))).toEqual([[0], [2, 1]]);
  });
});

describe('backoffDelayMs', () => {
  it('doubles the ceiling per attempt up to the cap, with full jitter below it', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, options, () => 1))).toEqual([
      100, 200, 400, 800, 1_000,
    ]);
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
    expect(backoffDelayMs(3, options, () => 0.5)).toBe(200);
  });
});
