import { builder } from '../attribute.js';
import { type Codec, typeIssue } from '../codec.js';
import {
  checkJson,
  attributeValueToJson as fromNative,
  type JsonObject,
  type JsonValue,
  jsonObjectToMap,
  mapToJsonObject,
  jsonToAttributeValue as toNative,
} from '../json-value.js';
import { isPlainObject } from '../plain-object.js';

/** The native JSON codec: any JSON value as M / L / S / N / BOOL / NULL (used inside lists too). */
export const jsonValueCodec: Codec<JsonValue> = {
  kind: 'json',
  check: checkJson,
  marshal: toNative,
  unmarshal: fromNative,
  // Anything below a JSON value, and any member of it, is again a JSON value.
  get below() {
    return jsonValueCodec;
  },
  get element() {
    return jsonValueCodec;
  },
};

const jsonObjectCodec: Codec<JsonObject> = {
  kind: 'json',
  check: (value, path, issues) =>
    isPlainObject(value)
      ? checkJson(value, path, issues)
      : typeIssue(issues, path, 'a JSON object', value),
  marshal: (value) => ({ M: jsonObjectToMap(value) }),
  unmarshal: (value) => (value.M === undefined ? undefined : mapToJsonObject(value.M)),
  below: jsonValueCodec as Codec,
  element: jsonValueCodec as Codec,
};

/**
 * A JSON object stored as a native DynamoDB map (`M`), so nested paths (`address.city`) can be
 * read, updated and filtered on. Members may hold any JSON value. Give the shape as a type
 * argument: `attr.json<{ city: string; zip?: string }>()` (the shape is not checked at runtime
 * beyond being JSON; add `.validate()` for that).
 */
export function json<TValue extends object = JsonObject>() {
  return builder<'json', TValue>(jsonObjectCodec as unknown as Codec<TValue>);
}

/** The JSON-text codec; also the item codec of `jsonStringList`. */
export const jsonTextCodec: Codec<JsonValue> = {
  kind: 'jsonString',
  check: checkJson,
  marshal: (value) => ({ S: JSON.stringify(value) }),
  unmarshal(value) {
    if (value.S === undefined) return undefined;
    try {
      return JSON.parse(value.S) as JsonValue;
    } catch {
      // Not JSON text (written by something else): the caller reports `storedType`.
      return undefined;
    }
  },
};

/**
 * Any JSON value stored as JSON text (`S`); the value in TypeScript is the parsed JSON.
 * Use it for documents that are read whole and never queried inside.
 */
export function jsonString<TValue = JsonValue>() {
  return builder<'jsonString', TValue>(jsonTextCodec as unknown as Codec<TValue>);
}
