import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '../errors.js';

type KeyValue = { S: string } | { N: string } | { B: string };

/**
 * Turns a LastEvaluatedKey into an opaque, URL-safe cursor (base64url of its JSON; binary key
 * values travel as base64). Callers must treat it as a token: its layout is not a contract.
 */
export function encodeCursor(lastEvaluatedKey: Record<string, AttributeValue>): string {
  const plain: Record<string, KeyValue> = {};
  for (const [name, value] of Object.entries(lastEvaluatedKey)) {
    if (value.S !== undefined) plain[name] = { S: value.S };
    else if (value.N !== undefined) plain[name] = { N: value.N };
    else if (value.B !== undefined) plain[name] = { B: Buffer.from(value.B).toString('base64') };
    else throw new Error(`unexpected key attribute "${name}" in LastEvaluatedKey`);
  }
  return Buffer.from(JSON.stringify(plain), 'utf8').toString('base64url');
}

/** Reverses `encodeCursor`; a cursor that was not made by it is a ValidationError. */
export function decodeCursor(cursor: string, table?: string): Record<string, AttributeValue> {
  const invalid = () =>
    new ValidationError(
      [{ path: 'cursor', rule: 'cursor', message: 'not a cursor returned by this client' }],
      table,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const key: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== 'object' || value === null) throw invalid();
    const entries = Object.entries(value);
    const [type, text] = entries[0] ?? [];
    if (entries.length !== 1 || typeof text !== 'string') throw invalid();
    if (type === 'S') key[name] = { S: text };
    else if (type === 'N') key[name] = { N: text };
    else if (type === 'B') key[name] = { B: new Uint8Array(Buffer.from(text, 'base64')) };
    else throw invalid();
  }
  if (Object.keys(key).length === 0) throw invalid();
  return key;
}
