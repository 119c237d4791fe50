import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

const forge = (plain: unknown) => Buffer.from(JSON.stringify(plain)).toString('base64url');

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

  it('rejects a cursor whose key values are not text', () => {
    for (const forged of [
      forge({ pk: { S: 1 } }),
      forge({ pk: { N: null } }),
      forge({ pk: 'a' }),
    ]) {
      expect(() => decodeCursor(forged), forged).toThrow(ValidationError);
    }
  });

  it('rejects a cursor that names the expected attributes with other types', () => {
    const expected = new Map([
      ['pk', 'S'],
      ['sk', 'N'],
    ] as const);
    expect(decodeCursor(forge({ pk: { S: 'a' }, sk: { N: '1' } }), 'orders', expected)).toEqual({
      pk: { S: 'a' },
      sk: { N: '1' },
    });
    const forged = forge({ pk: { S: 'a' }, sk: { S: '1' } });
    expect(() => decodeCursor(forged, 'orders', expected)).toThrow(
      'orders: invalid input: cursor (cursor): the cursor names pk, sk; a cursor of this table or index names pk, sk',
    );
    expect(() => decodeCursor(forge({ pk: { S: 'a' } }), 'orders', expected)).toThrow(
      ValidationError,
    );
    expect(() =>
      decodeCursor(forge({ pk: { S: 'a' }, other: { N: '1' } }), 'orders', expected),
    ).toThrow(ValidationError);
  });
});
