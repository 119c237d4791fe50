import { describe, expect, it } from 'vitest';
import { roundTrip, rulesFor, tableWith } from '../__tests__/helpers.js';
import * as attr from '../attr.js';

describe('attr.datetime', () => {
  it('stores ISO-8601 UTC text by default and keeps the instant to the millisecond', () => {
    const when = new Date('2026-05-01T23:59:59.123+02:00');
    const { stored, read } = roundTrip(attr.datetime(), when);
    expect(stored).toEqual({ S: '2026-05-01T21:59:59.123Z' });
    expect(read).toEqual(when);
    expect((read as Date).getTime()).toBe(when.getTime());
  });

  it('ISO text sorts chronologically, so it can be a sort key', () => {
    const earlier = roundTrip(attr.datetime(), new Date('1999-12-31T23:59:59.999Z')).stored;
    const later = roundTrip(attr.datetime(), new Date('2000-01-01T00:00:00.000Z')).stored;
    expect((earlier as { S: string }).S < (later as { S: string }).S).toBe(true);
    expect(tableWith(attr.datetime()).attributes.value.keyType).toBe('S');
  });

  it('stores whole epoch seconds with storage: epochSeconds', () => {
    const { stored, read } = roundTrip(
      attr.datetime({ storage: 'epochSeconds' }),
      new Date('2026-01-01T00:00:10.999Z'),
    );
    expect(stored).toEqual({ N: '1767225610' });
    expect(read).toEqual(new Date('2026-01-01T00:00:10.000Z'));
    expect(tableWith(attr.datetime({ storage: 'epochSeconds' })).attributes.value.keyType).toBe(
      'N',
    );
  });

  it('a put drops the milliseconds epoch seconds cannot store, so it returns what a read returns', () => {
    const table = tableWith(attr.datetime({ storage: 'epochSeconds' }));
    for (const time of ['2026-01-01T00:00:00.750Z', '1969-12-31T23:59:58.500Z']) {
      const input = new Date(time);
      const item = table.parsePut({ id: 'x', value: input });
      expect(item.value).toEqual(table.fromItem(table.toItem(item)).value);
      expect(Number.isInteger(item.value.getTime() / 1000)).toBe(true);
      expect(input.toISOString()).toBe(time);
    }
    expect(table.parsePut({ id: 'x', value: new Date('2026-01-01T00:00:00.750Z') }).value).toEqual(
      new Date('2026-01-01T00:00:00.000Z'),
    );
    // ISO storage keeps milliseconds.
    const iso = tableWith(attr.datetime());
    const when = new Date('2026-01-01T00:00:00.750Z');
    expect(iso.parsePut({ id: 'x', value: when }).value).toBe(when);
  });

  it('rejects an unknown storage at definition time', () => {
    expect(() => attr.datetime({ storage: 'epochMillis' as never })).toThrow(
      "storage must be 'iso' or 'epochSeconds'",
    );
  });

  it('rejects strings and invalid dates', () => {
    expect(rulesFor(attr.datetime(), '2026-01-01T00:00:00Z')).toEqual(['type']);
    expect(rulesFor(attr.datetime(), new Date('nope'))).toEqual(['invalidDate']);
  });

  it('reports unreadable stored text as storedType', () => {
    const table = tableWith(attr.datetime());
    expect(() => table.fromItem({ id: { S: 'x' }, value: { S: 'yesterday' } })).toThrow(
      /storedType/,
    );
  });
});
