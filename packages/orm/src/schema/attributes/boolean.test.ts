import { describe, expect, it } from 'vitest';
import { roundTrip, rulesFor, tableWith } from '../__tests__/helpers.js';
import * as attr from '../attr.js';

describe('attr.boolean', () => {
  it('stores BOOL and reads it back', () => {
    expect(roundTrip(attr.boolean(), true)).toEqual({ stored: { BOOL: true }, read: true });
    expect(roundTrip(attr.boolean(), false)).toEqual({ stored: { BOOL: false }, read: false });
  });

  it('rejects truthy non-booleans', () => {
    expect(rulesFor(attr.boolean(), 'true')).toEqual(['type']);
    expect(rulesFor(attr.boolean(), 1)).toEqual(['type']);
  });

  it('cannot be a key', () => {
    expect(tableWith(attr.boolean()).attributes.value.keyType).toBeUndefined();
  });
});
