import { describe, expect, it } from 'vitest';
import { roundTrip, rulesFor, tableWith } from '../__tests__/helpers.js';
import * as attr from '../attr.js';

describe('attr.string', () => {
  it('stores an S value and reads it back, empty strings included', () => {
    expect(roundTrip(attr.string(), 'hello')).toEqual({ stored: { S: 'hello' }, read: 'hello' });
    expect(roundTrip(attr.string(), '')).toEqual({ stored: { S: '' }, read: '' });
  });

  it('rejects non-strings with the type rule', () => {
    expect(rulesFor(attr.string(), 42)).toEqual(['type']);
    expect(rulesFor(attr.string(), null)).toEqual(['type']);
  });

  it('checks minLength, maxLength and pattern, reporting every broken rule', () => {
    const code = attr.string({ minLength: 3, maxLength: 4, pattern: /^[a-z]+$/ });
    expect(rulesFor(code, 'A')).toEqual(['minLength', 'pattern']);
    expect(rulesFor(code, 'abcde')).toEqual(['maxLength']);
    expect(roundTrip(code, 'abc').read).toBe('abc');
  });

  it('is a valid key type', () => {
    const table = tableWith(attr.string());
    expect(table.attributes.value.keyType).toBe('S');
  });
});
