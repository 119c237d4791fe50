import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursor', () => {
  it('round-trips string, number and binary keys as URL-safe text', () => {
    const key = { pk: { S: 'user#1/ä' }, sk: { N: '42' }, bin: { B: new Uint8Array([0, 255, 7]) } };
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(key);
  });

  it('rejects text that is not a cursor', () => {
    for (const forged of [
      '',
      'abc',
      Buffer.from('[1]').toString('base64url'),
      Buffer.from('{"a":{"X":"1"}}').toString('base64url'),
    ]) {
      expect(() => decodeCursor(forged), forged).toThrow(ValidationError);
    }
  });
});
