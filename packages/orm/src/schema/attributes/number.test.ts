import { describe, expect, it } from 'vitest';
import { roundTrip, rulesFor } from '../__tests__/helpers.js';
import * as attr from '../attr.js';

describe('attr.number', () => {
  it('stores N text and reads back a number', () => {
    expect(roundTrip(attr.number(), 3.25)).toEqual({ stored: { N: '3.25' }, read: 3.25 });
    expect(roundTrip(attr.number(), -0.5).read).toBe(-0.5);
    expect(roundTrip(attr.number(), 1e21).read).toBe(1e21);
  });

  it('rejects non-numbers and non-finite numbers', () => {
    expect(rulesFor(attr.number(), '3')).toEqual(['type']);
    expect(rulesFor(attr.number(), Number.NaN)).toEqual(['finite']);
    expect(rulesFor(attr.number(), Number.POSITIVE_INFINITY)).toEqual(['finite']);
  });

  it("rejects magnitudes outside DynamoDB's range before the request fails", () => {
    expect(rulesFor(attr.number(), 1e126)).toEqual(['range']);
    expect(rulesFor(attr.number(), -1e-131)).toEqual(['range']);
    expect(roundTrip(attr.number(), 9.99e125).read).toBe(9.99e125);
    expect(roundTrip(attr.number(), 0).read).toBe(0);
  });

  it('checks integer, min and max', () => {
    const count = attr.number({ integer: true, min: 0, max: 10 });
    expect(rulesFor(count, -1.5)).toEqual(['integer', 'min']);
    expect(rulesFor(count, 11)).toEqual(['max']);
    expect(roundTrip(count, 10).read).toBe(10);
  });
});
