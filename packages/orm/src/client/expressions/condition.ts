import { ValidationError } from '../../errors.js';
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

const COMPARATORS = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
const OPERATORS = new Set([
  ...Object.keys(COMPARATORS),
  'between',
  'in',
  'beginsWith',
  'contains',
  'exists',
  'size',
  'attributeType',
]);
const DYNAMO_TYPES = new Set(['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M']);
const LOGICAL = new Set(['and', 'or', 'not']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An object is read as operators only when all of its keys are operator names. */
function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => OPERATORS.has(key));
}

/** Compiles a condition to expression text, registering its names and values in `context`. */
export function compileCondition(context: ExpressionContext, condition: unknown): string {
  const fail = (path: string, rule: string, message: string) =>
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
    if (LOGICAL.has(key) && !(key in context.definition.attributes)) {
      parts.push(compileLogical(context, key, value, fail));
    } else if (isOperatorObject(value)) {
      parts.push(...compileOperators(context, key, value, fail));
    } else {
      parts.push(`${context.path(key)} = ${context.attributeValue(key, value)}`);
    }
  }
  if (parts.length === 0)
    throw fail('condition', 'non-empty', 'a condition needs at least one entry');
  return joinAll(parts, 'AND');
}

export type Fail = (path: string, rule: string, message: string) => ValidationError;

function compileLogical(
  context: ExpressionContext,
  key: string,
  value: unknown,
  fail: Fail,
): string {
  if (key === 'not') return `NOT (${compileCondition(context, value)})`;
  if (!Array.isArray(value) || value.length === 0) {
    throw fail(key, key, `"${key}" takes a non-empty array of conditions`);
  }
  return joinAll(
    value.map((inner) => compileCondition(context, inner)),
    key === 'and' ? 'AND' : 'OR',
  );
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
): string[] {
  const name = context.path(path);
  const parts: string[] = [];
  for (const [operator, operand] of Object.entries(operators)) {
    if (operand === undefined) continue;
    const where = `${path}.${operator}`;
    switch (operator) {
      case 'exists':
        if (typeof operand !== 'boolean') throw fail(where, 'exists', 'exists takes true or false');
        parts.push(operand ? `attribute_exists(${name})` : `attribute_not_exists(${name})`);
        break;
      case 'beginsWith':
        parts.push(
          `begins_with(${name}, ${context.value(prefixValue(context, path, operand, fail))})`,
        );
        break;
      case 'contains':
        parts.push(`contains(${name}, ${context.value(containsOperand(context, path, operand))})`);
        break;
      case 'attributeType':
        if (typeof operand !== 'string' || !DYNAMO_TYPES.has(operand)) {
          throw fail(where, 'attributeType', `must be one of ${[...DYNAMO_TYPES].join(', ')}`);
        }
        parts.push(`attribute_type(${name}, ${context.value({ S: operand })})`);
        break;
      case 'size': {
        if (!isPlainObject(operand) || !Object.keys(operand).every((key) => OPERATORS.has(key))) {
          throw fail(where, 'size', 'size takes comparisons, e.g. { size: { gt: 2 } }');
        }
        const marshalSize = (value: unknown, at: string) => {
          if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
            throw fail(at, 'size', 'a size is a non-negative integer');
          }
          return context.value({ N: String(value) });
        };
        for (const [sizeOperator, sizeOperand] of Object.entries(operand)) {
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
        break;
      }
      default:
        parts.push(
          comparison(
            name,
            operator,
            operand,
            where,
            (value) => context.attributeValue(path, value),
            fail,
          ),
        );
    }
  }
  return parts;
}

function comparison(
  left: string,
  operator: string,
  operand: unknown,
  where: string,
  marshal: (value: unknown, where: string) => string,
  fail: Fail,
): string {
  if (operator in COMPARATORS) {
    return `${left} ${COMPARATORS[operator as keyof typeof COMPARATORS]} ${marshal(operand, where)}`;
  }
  if (operator === 'between') {
    if (!Array.isArray(operand) || operand.length !== 2) {
      throw fail(where, 'between', 'between takes [low, high]');
    }
    return `${left} BETWEEN ${marshal(operand[0], `${where}[0]`)} AND ${marshal(operand[1], `${where}[1]`)}`;
  }
  if (operator === 'in') {
    if (!Array.isArray(operand) || operand.length === 0 || operand.length > 100) {
      throw fail(where, 'in', 'in takes an array of 1 to 100 values');
    }
    return `${left} IN (${operand.map((value, i) => marshal(value, `${where}[${i}]`)).join(', ')})`;
  }
  throw fail(where, 'operator', `"${operator}" is not allowed here`);
}

/** A set or list element, or a substring: marshalled by the definition as a member of `path`. */
function containsOperand(context: ExpressionContext, path: string, operand: unknown) {
  return context.definition.toElementValue(path, operand);
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
  if (prefix && typeof operand === 'object' && operand !== null && !Array.isArray(operand)) {
    return { S: prefix(operand as Record<string, string>) };
  }
  throw fail(
    `${path}.beginsWith`,
    'beginsWith',
    'the prefix must be a string (or leading parts of a composite string)',
  );
}
