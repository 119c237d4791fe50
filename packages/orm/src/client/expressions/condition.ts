import { ValidationError } from '../../errors.js';
import { isPlainObject } from '../../schema/plain-object.js';
import type { ExpressionContext } from './expression-context.js';

/** DynamoDB's attribute type descriptors, for `attributeType`. */
export type DynamoType = 'S' | 'SS' | 'N' | 'NS' | 'B' | 'BS' | 'BOOL' | 'NULL' | 'L' | 'M';

/** Comparisons on `size(path)`: a string's length, a list's or set's element count, … */
export interface SizeCondition {
  eq?: number;
  ne?: number;
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
  between?: readonly [number, number];
  in?: readonly number[];
}

type ElementOf<V> = V extends readonly (infer E)[]
  ? E
  : V extends ReadonlySet<infer E>
    ? E
    : V extends string
      ? string
      : unknown;

/** The operators on one attribute. Several in one object must all hold. */
export interface OperatorCondition<V> {
  eq?: V;
  ne?: V;
  lt?: V;
  lte?: V;
  gt?: V;
  gte?: V;
  /** Inclusive range: `{ between: [low, high] }`. */
  between?: readonly [V, V];
  /** One of the listed values (1 to 100 of them). */
  in?: readonly V[];
  /** String prefix, e.g. `{ beginsWith: '2026-' }` on a datetime stored as text. */
  beginsWith?: string | Readonly<Record<string, string>>;
  /** Substring of a string, or element of a list or set. */
  contains?: ElementOf<V>;
  /** `true`: the attribute is present; `false`: absent. */
  exists?: boolean;
  size?: SizeCondition;
  attributeType?: DynamoType;
}

/** A condition on one attribute: a bare value means `eq`. */
export type AttributeCondition<V> = V | OperatorCondition<V>;

type NestedPaths<Item> = {
  [K in keyof Item & string]: NonNullable<Item[K]> extends ReadonlySet<unknown> | Date | Uint8Array
    ? never
    : NonNullable<Item[K]> extends readonly unknown[] | Record<string, unknown>
      ? `${K}.${string}` | `${K}[${number}]` | `${K}[${number}].${string}`
      : never;
}[keyof Item & string];

/** Conditions combined: `and`, `or`, `not` (an attribute with one of these names is not shadowed). */
export interface LogicalCondition<Item> {
  /** Every condition holds. */
  and?: readonly Condition<Item>[];
  /** At least one holds. */
  or?: readonly Condition<Item>[];
  /** The condition does not hold. */
  not?: Condition<Item>;
}

/** One entry per attribute (a bare value means `eq`), plus nested paths inside json and lists. */
export type AttributeConditions<Item> = {
  [K in keyof Item & string]?: AttributeCondition<NonNullable<Item[K]>>;
} & { [P in NestedPaths<Item>]?: AttributeCondition<unknown> };

/**
 * A condition or filter as a plain object: `{ status: 'active' }`, `{ age: { gt: 3 } }`,
 * `{ 'address.city': 'Oslo' }`, `{ or: [{ status: 'a' }, { status: 'b' }] }`. Entries of one
 * object must all hold. Only the item's attribute names and value types are accepted.
 */
export type Condition<Item> = AttributeConditions<Item> & LogicalCondition<Item>;

/** The untyped form, for the action functions that take any definition. */
export interface LooseCondition {
  [path: string]: unknown;
  and?: readonly LooseCondition[];
  or?: readonly LooseCondition[];
  not?: LooseCondition;
}

const COMPARATORS: Record<string, string> = {
  eq: '=',
  ne: '<>',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};
const OTHER_OPERATORS = [
  'between',
  'in',
  'beginsWith',
  'contains',
  'exists',
  'size',
  'attributeType',
];
const DYNAMO_TYPES = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'];

const isOperator = (key: string) =>
  Object.hasOwn(COMPARATORS, key) || OTHER_OPERATORS.includes(key);

/** An object is read as operators only when all of its keys are operator names. */
function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every(isOperator);
}

export type Fail = (path: string, rule: string, message: string) => ValidationError;

/** Compiles a condition to expression text, registering its names and values in `context`. */
export function compileCondition(context: ExpressionContext, condition: unknown): string {
  const fail: Fail = (path, rule, message) =>
    new ValidationError([{ path, rule, message }], context.table);
  if (!isPlainObject(condition)) {
    throw fail('condition', 'condition', 'a condition must be a plain object');
  }
  const parts: string[] = [];
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined) {
      throw fail(
        key,
        'defined',
        'a condition value is undefined; use { exists: false } for absence',
      );
    }
    if (['and', 'or', 'not'].includes(key) && !(key in context.definition.attributes)) {
      // `and`, `or` and `not` combine conditions, unless the table has an attribute of that name.
      if (key === 'not') parts.push(`NOT (${compileCondition(context, value)})`);
      else if (!Array.isArray(value) || value.length === 0) {
        throw fail(key, key, `"${key}" takes a non-empty array of conditions`);
      } else {
        parts.push(
          joinAll(
            value.map((inner) => compileCondition(context, inner)),
            key === 'and' ? 'AND' : 'OR',
          ),
        );
      }
    } else if (isOperatorObject(value)) {
      compileOperators(context, key, value, fail, parts);
    } else {
      parts.push(`${context.path(key)} = ${context.comparedValue(key, value)}`);
    }
  }
  if (parts.length === 0) {
    throw fail('condition', 'non-empty', 'a condition needs at least one entry');
  }
  return joinAll(parts, 'AND');
}

/** Conditions that must all hold, as one expression (`undefined` when there are none). */
export function allOf(parts: readonly string[]): string | undefined {
  return parts.length === 0 ? undefined : joinAll(parts, 'AND');
}

function joinAll(parts: readonly string[], operator: 'AND' | 'OR'): string {
  if (parts.length === 1) return parts[0] as string;
  return parts.map((part) => `(${part})`).join(` ${operator} `);
}

function compileOperators(
  context: ExpressionContext,
  path: string,
  operators: Record<string, unknown>,
  fail: Fail,
  parts: string[],
): void {
  const name = context.path(path);
  for (const [operator, operand] of Object.entries(operators)) {
    const where = `${path}.${operator}`;
    // An undefined operand would silently drop the check: refuse it, as a top-level undefined is.
    if (operand === undefined) throw undefinedOperand(where, operator, fail);
    if (operator === 'exists') {
      if (typeof operand !== 'boolean') throw fail(where, 'exists', 'exists takes true or false');
      parts.push(`attribute_${operand ? '' : 'not_'}exists(${name})`);
    } else if (operator === 'beginsWith') {
      parts.push(
        `begins_with(${name}, ${context.value(prefixValue(context, path, operand, fail))})`,
      );
    } else if (operator === 'contains') {
      // A set or list member, or a substring: marshalled by the definition as a member of `path`
      // (type only, like every compared value).
      const member = context.definition.toElementValue(path, operand, { rules: false });
      parts.push(`contains(${name}, ${context.value(member)})`);
    } else if (operator === 'attributeType') {
      if (!DYNAMO_TYPES.includes(operand as string)) {
        throw fail(where, 'attributeType', `must be one of ${DYNAMO_TYPES.join(', ')}`);
      }
      parts.push(`attribute_type(${name}, ${context.value({ S: operand as string })})`);
    } else if (operator === 'size') {
      const sizeOperators = isPlainObject(operand) ? Object.keys(operand) : [];
      if (sizeOperators.length === 0 || !sizeOperators.every(isOperator)) {
        throw fail(where, 'size', 'size takes comparisons, e.g. { size: { gt: 2 } }');
      }
      const marshalSize = (value: unknown, at: string) => {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
          throw fail(at, 'size', 'a size is a non-negative integer');
        }
        return context.value({ N: String(value) });
      };
      for (const [sizeOperator, sizeOperand] of Object.entries(operand as object)) {
        if (sizeOperand === undefined) {
          throw undefinedOperand(`${where}.${sizeOperator}`, sizeOperator, fail);
        }
        parts.push(
          comparison(
            `size(${name})`,
            sizeOperator,
            sizeOperand,
            `${where}.${sizeOperator}`,
            marshalSize,
            fail,
          ),
        );
      }
    } else {
      const marshal = (value: unknown) => context.comparedValue(path, value);
      parts.push(comparison(name, operator, operand, where, marshal, fail));
    }
  }
}

function comparison(
  left: string,
  operator: string,
  operand: unknown,
  where: string,
  marshal: (value: unknown, where: string) => string,
  fail: Fail,
): string {
  if (Object.hasOwn(COMPARATORS, operator))
    return `${left} ${COMPARATORS[operator]} ${marshal(operand, where)}`;
  const list = Array.isArray(operand) ? operand : [];
  const values = () =>
    list.map((value, i) => {
      if (value === undefined) throw undefinedOperand(`${where}[${i}]`, operator, fail);
      return marshal(value, `${where}[${i}]`);
    });
  if (operator === 'between') {
    if (list.length !== 2) throw fail(where, 'between', 'between takes [low, high]');
    return `${left} BETWEEN ${values().join(' AND ')}`;
  }
  if (operator === 'in') {
    if (list.length === 0 || list.length > 100) {
      throw fail(where, 'in', 'in takes an array of 1 to 100 values');
    }
    return `${left} IN (${values().join(', ')})`;
  }
  throw fail(where, 'operator', `"${operator}" is not allowed here`);
}

/** The error for `{ eq: undefined }` and the like: the check would otherwise vanish. */
export function undefinedOperand(where: string, rule: string, fail: Fail): ValidationError {
  return fail(
    where,
    rule,
    `the ${rule} operand is undefined; give a value (or { exists: false } for absence)`,
  );
}

/**
 * The operand of `beginsWith`: a string, or for a composite string the leading parts
 * (`{ tenant: 't1' }`), turned into the stored prefix by the attribute itself.
 */
export function prefixValue(
  context: ExpressionContext,
  path: string,
  operand: unknown,
  fail: Fail,
): { S: string } {
  if (typeof operand === 'string') return { S: operand };
  const prefix = context.definition.attributes[path]?.prefix;
  if (prefix && isPlainObject(operand)) return { S: prefix(operand as Record<string, string>) };
  throw fail(
    `${path}.beginsWith`,
    'beginsWith',
    'the prefix must be a string (or leading parts of a composite string)',
  );
}
