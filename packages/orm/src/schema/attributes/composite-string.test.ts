import { describe, expect, it } from 'vitest';
import { InvalidDefinitionError } from '../../errors.js';
import { issuesOf, roundTrip, tableWith } from '../__tests__/helpers.js';
import * as attr from '../attr.js';
import { escapePart, splitParts } from './composite-string.js';

describe('attr.compositeString', () => {
  const key = attr.compositeString(['tenant', 'user_id'], { separator: '#' });

  it('joins the parts with the separator and parses them back', () => {
    expect(roundTrip(key, { tenant: 'acme', user_id: 'u1' })).toEqual({
      stored: { S: 'acme#u1' },
      read: { tenant: 'acme', user_id: 'u1' },
    });
  });

  it('round-trips UUIDs, hyphens, separators, backslashes and empty parts', () => {
    for (const parts of [
      { tenant: 'a-b-c', user_id: '0b5a3c0e-7f7e-4b7a-9a53-9f2b8d1c6e4f' },
      { tenant: 'has#hash', user_id: '#' },
      { tenant: 'back\\slash', user_id: '\\#\\' },
      { tenant: '', user_id: '' },
    ]) {
      expect(roundTrip(key, parts).read).toEqual(parts);
    }
    const dashed = attr.compositeString(['a', 'b', 'c'], { separator: '-' });
    const uuid = '0b5a3c0e-7f7e-4b7a-9a53-9f2b8d1c6e4f';
    expect(roundTrip(dashed, { a: uuid, b: '-', c: 'x-' }).read).toEqual({
      a: uuid,
      b: '-',
      c: 'x-',
    });
  });

  it('escapes every character of a multi-character separator', () => {
    expect(escapePart('a::b', '::')).toBe('a\\:\\:b');
    expect(escapePart('a:', '::')).toBe('a\\:');
    expect(splitParts('a\\:\\:b::c', '::')).toEqual(['a::b', 'c']);
    expect(splitParts('a\\:::b', '::')).toEqual(['a:', 'b']);
    expect(splitParts('a:::b', '::')).toEqual(['a', ':b']);
  });

  it('stores different values as different text, whatever the separator', () => {
    // Parts made of separator characters, backslashes and ordinary text, at both ends.
    const pieces = ['', 'a', ':', '::', 'a:', ':a', '\\', 'a\\', '\\:', ':\\', '#', '-', '#-', 'b'];
    const uuid = '0b5a3c0e-7f7e-4b7a-9a53-9f2b8d1c6e4f';
    pieces.push(uuid, `${uuid}-`, `-${uuid}`);
    for (const separator of ['::', '#', '-', ':-:', 'ab', '😀']) {
      const table = tableWith(attr.compositeString(['a', 'b'], { separator }));
      const seen = new Map<string, string>();
      for (const a of pieces) {
        for (const b of pieces) {
          const stored = table.toItem(table.parsePut({ id: 'x', value: { a, b } })).value?.S;
          const value = JSON.stringify({ a, b });
          expect(seen.get(stored as string), `${separator}: ${value}`).toBeUndefined();
          seen.set(stored as string, value);
          expect(table.fromItem({ id: { S: 'x' }, value: { S: stored as string } }).value).toEqual({
            a,
            b,
          });
        }
      }
    }
  });

  it('no longer merges a part ending in a separator character into the next separator', () => {
    const table = tableWith(attr.compositeString(['a', 'b'], { separator: '::' }));
    const stored = (value: object) => table.toItem(table.parsePut({ id: 'x', value })).value;
    expect(stored({ a: 'a:', b: 'b' })).not.toEqual(stored({ a: 'a', b: ':b' }));
    expect(
      roundTrip(attr.compositeString(['a', 'b'], { separator: '::' }), { a: 'a:', b: 'b' }).read,
    ).toEqual({
      a: 'a:',
      b: 'b',
    });
  });

  it('builds beginsWith prefixes from leading parts', () => {
    const table = tableWith(key);
    const prefix = table.attributes.value.prefix;
    expect(prefix?.({ tenant: 't#1' })).toBe('t\\#1#');
    expect(prefix?.({ tenant: 't', user_id: 'u' })).toBe('t#u');
  });

  it('reports missing, non-string and unknown parts', () => {
    const issues = issuesOf(() =>
      tableWith(key).parsePut({ id: 'x', value: { tenant: 1, role: 'admin' } }),
    );
    expect(issues.map((issue) => `${issue.path}:${issue.rule}`)).toEqual([
      'value.tenant:type',
      'value.user_id:type',
      'value.role:unknownPart',
    ]);
  });

  it('rejects a stored string with the wrong number of parts', () => {
    expect(() => tableWith(key).fromItem({ id: { S: 'x' }, value: { S: 'only' } })).toThrow(
      /storedType/,
    );
  });

  it('rejects bad part lists and separators at definition time', () => {
    expect(() => attr.compositeString([])).toThrow(InvalidDefinitionError);
    expect(() => attr.compositeString(['a', 'a'])).toThrow(/duplicate/);
    expect(() => attr.compositeString(['a'], { separator: '' })).toThrow(/separator/);
    expect(() => attr.compositeString(['a'], { separator: '\\' })).toThrow(/backslash/);
  });
});
