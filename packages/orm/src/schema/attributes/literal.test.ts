import { describe, expect, it } from 'vitest';
import { InvalidDefinitionError } from '../../errors.js';
import { issuesOf, roundTrip, rulesFor, tableWith } from '../__tests__/helpers.js';
import * as attr from '../attr.js';

describe('attr.literal / attr.enum', () => {
  it('accepts only the listed values', () => {
    const status = attr.literal('pending', 'active');
    expect(roundTrip(status, 'active')).toEqual({ stored: { S: 'active' }, read: 'active' });
    const issues = issuesOf(() => tableWith(status).parsePut({ id: 'x', value: 'deleted' }));
    expect(issues).toEqual([
      {
        path: 'value',
        rule: 'literal',
        message: 'must be one of "pending", "active", got "deleted"',
      },
    ]);
  });

  it('supports numbers and mixed unions, stored as N or S', () => {
    expect(roundTrip(attr.enum([1, 2, 3]), 2)).toEqual({ stored: { N: '2' }, read: 2 });
    const mixed = attr.literal('auto', 0);
    expect(roundTrip(mixed, 0).read).toBe(0);
    expect(roundTrip(mixed, 'auto').read).toBe('auto');
  });

  it('a single-type union can be a key, a mixed one cannot', () => {
    expect(tableWith(attr.literal('a', 'b')).attributes.value.keyType).toBe('S');
    expect(tableWith(attr.enum([1, 2])).attributes.value.keyType).toBe('N');
    expect(tableWith(attr.literal('a', 1)).attributes.value.keyType).toBeUndefined();
  });

  it('rejects a stored value that is no longer allowed', () => {
    const table = tableWith(attr.literal('a'));
    expect(() => table.fromItem({ id: { S: 'x' }, value: { S: 'gone' } })).toThrow(/storedType/);
  });

  it('reports values JSON cannot show (BigInt, cyclic) as a literal issue, not a TypeError', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(rulesFor(attr.literal('a'), 1n)).toEqual(['literal']);
    expect(rulesFor(attr.literal('a'), cyclic)).toEqual(['literal']);
    expect(() => attr.literal(1n as never)).toThrow(/got 1n/);
    expect(() => attr.literal(Object.create(null))).toThrow(InvalidDefinitionError);
  });

  it('needs at least one value', () => {
    expect(() => attr.literal()).toThrow(InvalidDefinitionError);
  });
});
