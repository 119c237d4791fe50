import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '../errors.js';
import { runRules } from './attribute.js';
import { describeType, showValue } from './codec.js';
import { checkKeyValue } from './empty-key.js';
import type { Field } from './field.js';
import { fail, IssueSink, inMember } from './issues.js';
import { isPlainObject } from './plain-object.js';

/** Which fields play a role beyond their type. */
export interface FieldRoles {
  readonly partitionKey: string;
  readonly sortKey?: string | undefined;
  readonly version?: string | undefined;
  readonly createdAt?: string | undefined;
  readonly updatedAt?: string | undefined;
  /** Key attributes of the table's indexes: they may be absent, but never empty. */
  readonly indexKeys?: readonly string[] | undefined;
}

type Item = Record<string, unknown>;
type RawItem = Record<string, AttributeValue>;

/** What a missing value becomes in a put. */
enum Missing {
  /** Report `required`. */
  Required = 0,
  /** Leave it out. */
  Omit = 1,
  /** Use the default. */
  Default = 2,
  /** Use "now" (timestamps). */
  Now = 3,
}

/**
 * Compiles the table's item functions once, at definition time. Each is a flat loop over a
 * precomputed field array calling each attribute's own codec: no schema walk, no type
 * dispatch per value, and the issue list is only allocated when something is wrong.
 */
export function compileItemCodec(table: string, fields: readonly Field[], roles: FieldRoles) {
  const count = fields.length;
  const names = fields.map((field) => field.name);
  const checks = fields.map((field) => field.codec.check);
  const marshals = fields.map((field) => field.codec.marshal);
  const unmarshals = fields.map((field) => field.codec.unmarshal);
  const normalizers = fields.map((field) => field.codec.normalize);
  const rules = fields.map((field) => (field.rules.length > 0 ? field.rules : undefined));
  const known = new Set(names);
  const keyNames = new Set([roles.partitionKey, roles.sortKey, ...(roles.indexKeys ?? [])]);
  const isKey = names.map((name) => keyNames.has(name));
  const missing = fields.map((field): Missing => {
    if (field.name === roles.createdAt || field.name === roles.updatedAt) return Missing.Now;
    if (field.hasDefault) return Missing.Default;
    // The client fills the version attribute, so a put may leave it out.
    if (field.optional || field.name === roles.version) return Missing.Omit;
    return Missing.Required;
  });
  const hasTimestamps = roles.createdAt !== undefined || roles.updatedAt !== undefined;
  const defaultOf = (field: Field): unknown =>
    typeof field.defaultValue === 'function'
      ? (field.defaultValue as () => unknown)()
      : field.defaultValue;
  // What a read gives for a missing attribute: the default, or an empty Set for required sets.
  const readMissing = fields.map((field): (() => unknown) | undefined => {
    if (field.hasDefault) return () => defaultOf(field);
    if (!field.optional && field.codec.whenMissing) return field.codec.whenMissing;
    return undefined;
  });

  function parsePut(input: unknown): Item {
    if (!isPlainObject(input))
      fail('', 'type', `expected an item object, got ${describeType(input)}`, table);
    const issues = new IssueSink();
    const item: Item = {};
    const now = hasTimestamps ? Date.now() : 0;
    let present = 0;
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      let value = input[name];
      if (value === undefined) {
        const rule = missing[i];
        if (rule === Missing.Omit) continue;
        if (rule === Missing.Required) {
          issues.add(name, 'required', 'is required');
          continue;
        }
        value = rule === Missing.Now ? new Date(now) : defaultOf(fields[i] as Field);
      } else {
        present++;
      }
      if ((checks[i] as Field['codec']['check'])(value, name, issues)) {
        const fieldRules = rules[i];
        if (fieldRules !== undefined) runRules(fieldRules, value, name, issues);
        if (isKey[i])
          checkKeyValue((marshals[i] as Field['codec']['marshal'])(value), name, issues);
        const normalize = normalizers[i];
        if (normalize !== undefined) value = normalize(value);
      }
      item[name] = value;
    }
    // Strict: an attribute the definition does not know is an error, never silently dropped.
    if (present !== countDefined(input)) {
      for (const key in input) {
        if (!known.has(key) && input[key] !== undefined) {
          issues.add(key, 'unknownAttribute', `is not an attribute of table '${table}'`);
        }
      }
    }
    issues.throwIfAny(table);
    return item;
  }

  function toItem(item: Item): RawItem {
    const raw: RawItem = {};
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      const value = item[name];
      if (value === undefined) continue;
      const stored = (marshals[i] as Field['codec']['marshal'])(value);
      if (stored !== undefined) raw[name] = stored;
    }
    return raw;
  }

  function fromItem(raw: RawItem): Item {
    if (typeof raw !== 'object' || raw === null)
      fail('', 'type', `expected a stored item object, got ${describeType(raw)}`, table);
    const item: Item = {};
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      const stored = raw[name];
      if (stored === undefined) {
        const fill = readMissing[i];
        if (fill !== undefined) item[name] = fill();
        continue;
      }
      let value: unknown;
      try {
        value = (unmarshals[i] as Field['codec']['unmarshal'])(stored);
      } catch (error) {
        // A problem deep inside a stored value (binary inside json): name it under this attribute.
        const inside = inMember(error, name);
        if (inside instanceof ValidationError) throw new ValidationError(inside.issues, table);
        throw inside;
      }
      if (value === undefined) {
        fail(
          name,
          'storedType',
          `stored value ${showValue(stored)} does not fit a ${fields[i]?.codec.kind} attribute`,
          table,
        );
      }
      item[name] = value;
    }
    return item;
  }

  const keyFields = fields.filter(
    (field) => field.name === roles.partitionKey || field.name === roles.sortKey,
  );
  // Partition key first, as DynamoDB lists key schemas.
  if (keyFields[0]?.name !== roles.partitionKey) keyFields.reverse();

  function toKey(key: Item): RawItem {
    if (!isPlainObject(key))
      fail('', 'type', `expected a key object, got ${describeType(key)}`, table);
    const issues = new IssueSink();
    const raw: RawItem = {};
    for (const field of keyFields) {
      const value = key[field.name];
      if (value === undefined) {
        issues.add(field.name, 'required', 'is required in the key');
      } else if (field.codec.check(value, field.name, issues)) {
        const stored = field.codec.marshal(value) as AttributeValue;
        if (checkKeyValue(stored, field.name, issues)) raw[field.name] = stored;
      }
    }
    issues.throwIfAny(table);
    return raw;
  }

  return { parsePut, toItem, fromItem, toKey };
}

/** Counts the own properties of `input` that hold a value. */
function countDefined(input: Record<string, unknown>): number {
  let defined = 0;
  for (const key in input) if (input[key] !== undefined) defined++;
  return defined;
}
