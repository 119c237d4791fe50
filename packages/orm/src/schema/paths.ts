import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { runRules } from './attribute.js';
import { type Codec, showValue } from './codec.js';
import { checkKeyValue } from './empty-key.js';
import type { Field } from './field.js';
import { fail, IssueSink } from './issues.js';

/** One step of a document path: a map member or a list index. */
export type PathSegment = { readonly member: string } | { readonly index: number };

const SEGMENT = /^(?:\.([^.[\]]+)|\[(\d+)\])/;

/**
 * Splits `address.city` or `items[0].sku` into the attribute name and the steps below it.
 * Returns undefined for a malformed path.
 */
export function parsePath(path: string): { name: string; segments: PathSegment[] } | undefined {
  const end = path.search(/[.[]/);
  const name = end === -1 ? path : path.slice(0, end);
  if (name.length === 0 || name.includes(']')) return undefined;
  const segments: PathSegment[] = [];
  let rest = end === -1 ? '' : path.slice(end);
  while (rest.length > 0) {
    const match = SEGMENT.exec(rest);
    if (match === null) return undefined;
    segments.push(match[1] !== undefined ? { member: match[1] } : { index: Number(match[2]) });
    rest = rest.slice(match[0].length);
  }
  return { name, segments };
}

/** What a path addresses: its codec, and the field when it is the whole attribute (its rules apply). */
interface Target {
  readonly codec: Codec;
  readonly field: Field;
  readonly whole: boolean;
}

/** Options of `toValue` / `toElementValue`. */
export interface ValueOptions {
  /**
   * Whether the attribute's rules (built-in `min`, `max`, `minLength`, `pattern`, … and custom
   * `.validate()` rules) apply. Default: true, for values that are written. Pass `false` for values
   * that are only compared (conditions, filters, key conditions): `{ qty: { gte: 0 } }` is a fine
   * filter even when `qty` must be at least 1. The type checks apply either way.
   */
  readonly rules?: boolean;
}

/** A table uses few distinct paths, and the same ones on every request: resolve each once. */
const MAX_CACHED_PATHS = 1000;

/**
 * Compiles `toValue` / `toElementValue`: marshal one value for an attribute or a path inside
 * one, checked against what the definition says lives there.
 */
export function compilePaths(
  table: string,
  fields: readonly Field[],
  keyNames: readonly string[] = [],
) {
  const byName = new Map(fields.map((field) => [field.name, field]));
  const keys = new Set(keyNames);
  const resolved = new Map<string, Target>();

  function resolve(path: string): Target {
    let target = resolved.get(path);
    if (target === undefined) {
      const parsed = typeof path === 'string' ? parsePath(path) : undefined;
      if (parsed === undefined) {
        fail(
          typeof path === 'string' ? path : showValue(path),
          'path',
          'is not a valid attribute path',
          table,
        );
      }
      const field = byName.get(parsed.name);
      if (field === undefined) {
        fail(
          path,
          'unknownAttribute',
          `'${parsed.name}' is not an attribute of table '${table}'`,
          table,
        );
      }
      let codec: Codec | undefined = field.codec;
      for (const segment of parsed.segments) {
        // Below JSON everything is JSON; a list's index addresses one item.
        codec = codec.below ?? ('index' in segment ? codec.items : undefined);
        if (codec === undefined) {
          fail(
            path,
            'path',
            `a ${field.codec.kind} attribute has no '${path.slice(parsed.name.length)}' inside`,
            table,
          );
        }
        if (codec.below) break;
      }
      target = { codec, field, whole: parsed.segments.length === 0 };
      if (resolved.size < MAX_CACHED_PATHS) resolved.set(path, target);
    }
    return target;
  }

  function marshalChecked(
    path: string,
    codec: Codec,
    field: Field | undefined,
    value: unknown,
    key = false,
  ) {
    const issues = new IssueSink();
    if (value === undefined) {
      issues.add(path, 'required', 'needs a value (remove the attribute instead)');
    } else if (codec.check(value, path, issues)) {
      if (field) runRules(field.rules, value, path, issues);
      if (key) checkKeyValue(codec.marshal(value), path, issues);
    }
    issues.throwIfAny(table);
    const stored = codec.marshal(value);
    if (stored === undefined) {
      fail(
        path,
        'emptySet',
        'DynamoDB cannot store an empty set; remove the attribute instead',
        table,
      );
    }
    return stored;
  }

  function toValue(path: string, value: unknown, options?: ValueOptions): AttributeValue {
    const { codec, field, whole } = resolve(path);
    if (options?.rules === false) {
      return marshalChecked(path, codec.typeOnly ?? codec, undefined, value);
    }
    // A value written to a table or index key attribute must not be empty.
    return marshalChecked(path, codec, whole ? field : undefined, value, whole && keys.has(path));
  }

  function toElementValue(path: string, value: unknown, options?: ValueOptions): AttributeValue {
    const { codec } = resolve(path);
    const element = codec.element;
    if (element === undefined) {
      fail(path, 'path', `a ${codec.kind} attribute has no members`, table);
    }
    return marshalChecked(
      path,
      options?.rules === false ? (element.typeOnly ?? element) : element,
      undefined,
      value,
    );
  }

  return { toValue, toElementValue };
}
