import { describe, expect, it } from 'vitest';
import { roundTrip, rulesFor, tableWith } from '../__tests__/helpers.js';
import * as attr from '../attr.js';
import { isEmptySetValue } from './sets.js';

describe('set attributes', () => {
  it('stringSet stores SS and reads a Set', () => {
    const { stored, read } = roundTrip(attr.stringSet(), new Set(['b', 'a']));
    expect(stored).toEqual({ SS: ['b', 'a'] });
    expect(read).toEqual(new Set(['a', 'b']));
  });

  it('numberSet reads numbers back', () => {
    const { stored, read } = roundTrip(attr.numberSet(), new Set([3, 1.5]));
    expect(stored).toEqual({ NS: ['3', '1.5'] });
    expect(read).toEqual(new Set([3, 1.5]));
  });

  it('does not write an empty set; a required set reads back as an empty Set', () => {
    const table = tableWith(attr.stringSet());
    const stored = table.toItem(table.parsePut({ id: 'x', value: new Set() }));
    expect(stored).toEqual({ id: { S: 'x' } });
    expect(table.fromItem(stored).value).toEqual(new Set());
  });

  it('an empty Set is recognised as "remove the attribute", and reads back as an empty Set', () => {
    expect(isEmptySetValue(new Set())).toBe(true);
    for (const value of [new Set([1]), [], new Map(), undefined, '', {}]) {
      expect(isEmptySetValue(value)).toBe(false);
    }
    // After the attribute is removed, a required set reads as an empty Set, never undefined.
    const table = tableWith(attr.numberSet());
    expect(table.fromItem({ id: { S: 'x' } }).value).toEqual(new Set());
  });

  it('an optional set left out stays absent on read', () => {
    const table = tableWith(attr.numberSet().optional());
    expect(table.fromItem({ id: { S: 'x' } })).toEqual({ id: 'x' });
  });

  it('rejects arrays and wrong members', () => {
    expect(rulesFor(attr.stringSet(), ['a'])).toEqual(['type']);
    expect(rulesFor(attr.numberSet(), new Set([1, '2']))).toEqual(['type']);
  });
});
