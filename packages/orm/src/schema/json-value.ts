import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '../errors.js';
import { inDynamoDbRange, RANGE_MESSAGE } from './attributes/number.js';
import { type IssueSink, inMember } from './issues.js';
import { isPlainObject } from './plain-object.js';

/** Any value JSON can represent. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };
/** A JSON object (what a `json` attribute stores as a native DynamoDB map). */
export type JsonObject = { [key: string]: JsonValue };

/**
 * DynamoDB nests attributes at most 32 levels deep, the attribute itself included, so a stored
 * map or list holds at most 31 levels of maps and lists. The limit also stops cyclic values.
 */
export const MAX_DEPTH = 31;

/** Fast check without building paths: the common, valid case allocates nothing. */
function isStorableJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && inDynamoDbRange(value);
    case 'object':
      if (value === null) return true;
      if (depth > MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
          if (!isStorableJson(value[i], depth + 1)) return false;
        return true;
      }
      if (!isPlainObject(value)) return false;
      for (const key in value) {
        const member = value[key];
        if (member !== undefined && !isStorableJson(member, depth + 1)) return false;
      }
      return true;
    default:
      return false;
  }
}

/** Reports every problem inside an invalid value, with its path. */
function reportJson(value: unknown, path: string, issues: IssueSink, depth: number): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) issues.add(path, 'json', `${value} is not a JSON number`);
      else if (!inDynamoDbRange(value)) {
        issues.add(path, 'range', `${value} ${RANGE_MESSAGE}`);
      }
      return;
    case 'object':
      if (value === null) return;
      if (depth > MAX_DEPTH) {
        issues.add(path, 'depth', `nests deeper than DynamoDB's 32 levels (or is cyclic)`);
        return;
      }
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
          reportJson(value[i], `${path}[${i}]`, issues, depth + 1);
        return;
      }
      if (isPlainObject(value)) {
        for (const key in value) {
          const member = value[key];
          if (member !== undefined) reportJson(member, `${path}.${key}`, issues, depth + 1);
        }
        return;
      }
      issues.add(path, 'json', `a ${value.constructor?.name ?? 'object'} is not a JSON value`);
      return;
    default:
      issues.add(path, 'json', `a ${typeof value} is not a JSON value`);
  }
}

/**
 * Reports every place inside `value` that cannot be stored as JSON (functions, Dates, Maps, NaN,
 * numbers out of DynamoDB's range, nesting deeper than 32 levels); true when there is none.
 * `undefined` object members are allowed (JSON drops them; so does the marshaller).
 */
export function checkJson(value: unknown, path: string, issues: IssueSink): boolean {
  if (isStorableJson(value, 1)) return true;
  reportJson(value, path, issues, 1);
  return false;
}

/**
 * Sets an own member, even one named `__proto__` (plain assignment would change the object's
 * prototype and lose the member).
 */
function setMember<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** Marshals a JSON value (already checked) into DynamoDB's native types: M, L, S, N, BOOL, NULL. */
export function jsonToAttributeValue(value: JsonValue): AttributeValue {
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      return { N: String(value) };
    case 'boolean':
      return { BOOL: value };
    default:
      if (value === null) return { NULL: true };
      if (Array.isArray(value)) return { L: value.map(jsonToAttributeValue) };
      return { M: jsonObjectToMap(value) };
  }
}

export function jsonObjectToMap(value: JsonObject): Record<string, AttributeValue> {
  const map: Record<string, AttributeValue> = {};
  for (const key in value) {
    const member = value[key];
    if (member !== undefined) setMember(map, key, jsonToAttributeValue(member));
  }
  return map;
}

/**
 * Reads a native DynamoDB value back into JSON. Sets (never written by `json`) come back as
 * arrays. Binary values (`B`, `BS`) have no JSON form: a `ValidationError` (rule `storedType`)
 * whose path is relative to the value read (`.file`, `[0]`).
 */
export function attributeValueToJson(value: AttributeValue): JsonValue {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.M !== undefined) return mapToJsonObject(value.M);
  if (value.L !== undefined) {
    const stored = value.L;
    const list = new Array<JsonValue>(stored.length);
    for (let i = 0; i < stored.length; i++) {
      const member = stored[i] as AttributeValue;
      try {
        list[i] = attributeValueToJson(member);
      } catch (error) {
        throw inMember(error, `[${i}]`);
      }
    }
    return list;
  }
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.SS !== undefined) return value.SS;
  if (value.NS !== undefined) return value.NS.map(Number);
  throw new ValidationError([
    {
      path: '',
      rule: 'storedType',
      message: `a stored ${Object.keys(value).join(',') || 'empty'} value cannot be read as JSON`,
    },
  ]);
}

export function mapToJsonObject(map: Record<string, AttributeValue>): JsonObject {
  const object: JsonObject = {};
  for (const key in map) {
    const member = map[key];
    if (member !== undefined) {
      let read: JsonValue;
      try {
        read = attributeValueToJson(member);
      } catch (error) {
        throw inMember(error, `.${key}`);
      }
      setMember(object, key, read);
    }
  }
  return object;
}
