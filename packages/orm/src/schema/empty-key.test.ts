import { describe, expect, it } from 'vitest';
import { isEmptyKeyValue } from './empty-key.js';

describe('isEmptyKeyValue', () => {
  it('isEmptyKeyValue spots the key values DynamoDB refuses', () => {
    expect(isEmptyKeyValue({ S: '' })).toBe(true);
    expect(isEmptyKeyValue({ B: new Uint8Array() })).toBe(true);
    expect(isEmptyKeyValue({ S: 'a' })).toBe(false);
    expect(isEmptyKeyValue({ N: '0' })).toBe(false);
  });
});
