import { describe, expect, it } from 'vitest';
import { issuesOf, roundTrip, tableWith } from '../__tests__/helpers.js';
import * as attr from '../attr.js';

describe('list attributes', () => {
  it('stringList stores L of S', () => {
    expect(roundTrip(attr.stringList(), ['a', '', 'a'])).toEqual({
      stored: { L: [{ S: 'a' }, { S: '' }, { S: 'a' }] },
      read: ['a', '', 'a'],
    });
  });

  it('numberList reads numbers back as numbers', () => {
    const { stored, read } = roundTrip(attr.numberList(), [1, 2.5, -7]);
    expect(stored).toEqual({ L: [{ N: '1' }, { N: '2.5' }, { N: '-7' }] });
    expect(read).toEqual([1, 2.5, -7]);
  });

  it('jsonList stores each element natively', () => {
    const value = [{ sku: 'a', qty: 2 }, 'text', 3, null, [true]];
    const { stored, read } = roundTrip(attr.jsonList(), value);
    expect(read).toEqual(value);
    expect((stored as { L: unknown[] }).L[0]).toEqual({ M: { sku: { S: 'a' }, qty: { N: '2' } } });
  });

  it('jsonStringList stores each element as JSON text', () => {
    const value = [{ a: 1 }, [2], 'three'];
    const { stored, read } = roundTrip(attr.jsonStringList(), value);
    expect(stored).toEqual({ L: [{ S: '{"a":1}' }, { S: '[2]' }, { S: '"three"' }] });
    expect(read).toEqual(value);
  });

  it('empty lists are stored and read back', () => {
    expect(roundTrip(attr.stringList(), []).read).toEqual([]);
  });

  it('reports each bad element by index', () => {
    const table = tableWith(attr.numberList());
    const issues = issuesOf(() => table.parsePut({ id: 'x', value: [1, '2', 3, Number.NaN] }));
    expect(issues.map((issue) => `${issue.path}:${issue.rule}`)).toEqual([
      'value[1]:type',
      'value[3]:finite',
    ]);
  });
});
