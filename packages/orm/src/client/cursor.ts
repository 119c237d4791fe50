import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '../errors.js';
import type { KeyType } from '../schema/codec.js';
import type { AnyTableDefinition } from './definition.js';

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

/**
 * The attributes a LastEvaluatedKey of the table (no index) or of one index carries, with their
 * DynamoDB types: the table's key, plus the index's key for an index.
 */
export function cursorKeyTypes(
  definition: AnyTableDefinition,
  index?: string,
): ReadonlyMap<string, KeyType> {
  const { schema } = definition;
  const types = new Map<string, KeyType>([[schema.partitionKey.name, schema.partitionKey.type]]);
  if (schema.sortKey) types.set(schema.sortKey.name, schema.sortKey.type);
  const global = schema.globalSecondaryIndexes.find((candidate) => candidate.indexName === index);
  const local = schema.localSecondaryIndexes.find((candidate) => candidate.indexName === index);
  for (const key of [global?.partitionKey, global?.sortKey, local?.sortKey]) {
    if (key) types.set(key.name, key.type);
  }
  return types;
}

/**
 * Reverses `encodeCursor`; a cursor that was not made by it is a ValidationError. With
 * `expected` (see `cursorKeyTypes`), a cursor must name exactly those attributes with those
 * types: a cursor of another table or index would otherwise reach DynamoDB and fail there.
 */
export function decodeCursor(
  cursor: string,
  table?: string,
  expected?: ReadonlyMap<string, KeyType>,
): Record<string, AttributeValue> {
  const invalid = (message = 'not a cursor returned by this client for this table or index') =>
    new ValidationError([{ path: 'cursor', rule: 'cursor', message }], table);
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
  if (expected) {
    const names = Object.keys(key);
    const fits =
      names.length === expected.size &&
      names.every((name) => {
        const type = expected.get(name);
        return type !== undefined && type in (key[name] as object);
      });
    if (!fits) {
      throw invalid(
        `the cursor names ${names.join(', ')}; a cursor of this table or index names ${[...expected.keys()].join(', ')}`,
      );
    }
  }
  return key;
}
