import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '../../errors.js';
import { isEmptyKeyValue } from '../../schema/empty-key.js';
import type { AnyTableDefinition } from '../definition.js';
import { prefixValue } from './condition.js';
import type { ExpressionContext } from './expression-context.js';

/** The key attributes of the table or of one of its indexes. */
export interface KeyNames {
  readonly partitionKey: string;
  readonly sortKey?: string;
}

/** Key names of the table (no index) or the named global/local secondary index. */
export function keyNamesOf(
  definition: AnyTableDefinition,
  index?: string,
  table?: string,
): KeyNames {
  const { schema } = definition;
  if (index === undefined) {
    return { partitionKey: schema.partitionKey.name, sortKey: schema.sortKey?.name };
  }
  const global = schema.globalSecondaryIndexes.find((candidate) => candidate.indexName === index);
  if (global) return { partitionKey: global.partitionKey.name, sortKey: global.sortKey?.name };
  const local = schema.localSecondaryIndexes.find((candidate) => candidate.indexName === index);
  if (local) return { partitionKey: schema.partitionKey.name, sortKey: local.sortKey.name };
  const known = [
    ...schema.globalSecondaryIndexes.map((candidate) => candidate.indexName),
    ...schema.localSecondaryIndexes.map((candidate) => candidate.indexName),
  ];
  throw new ValidationError(
    [
      {
        path: 'index',
        rule: 'index',
        message: `"${index}" is not an index of ${definition.name}${known.length ? ` (indexes: ${known.join(', ')})` : ''}`,
      },
    ],
    table,
  );
}

/** Sort-key operators a key condition allows. */
export interface SortKeyCondition<V> {
  eq?: V;
  lt?: V;
  lte?: V;
  gt?: V;
  gte?: V;
  between?: readonly [V, V];
  /** A string prefix, or the leading parts of a composite-string sort key. */
  beginsWith?: string | Readonly<Record<string, string>>;
}

const SORT_OPERATORS = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

const KEY_OPERATORS = /* @__PURE__ */ new Set([
  ...Object.keys(SORT_OPERATORS),
  'between',
  'beginsWith',
  'ne',
  'in',
  'contains',
  'exists',
  'size',
  'attributeType',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Operators, not a value: a plain object whose keys are all operator names (a composite-string
 * key is given as its parts, `{ tenant, user }`, which is a value).
 */
function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return (
    isPlainObject(value) &&
    Object.keys(value).length > 0 &&
    Object.keys(value).every((key) => KEY_OPERATORS.has(key))
  );
}

type Issue = { path: string; rule: string; message: string };

/**
 * Marshals a key value (type-checked only, like any compared value) and refuses an empty string
 * or binary: DynamoDB rejects those in a key condition, so they are reported before sending.
 */
function keyValue(
  context: ExpressionContext,
  name: string,
  value: unknown,
  path: string,
  issues: Issue[],
): string {
  const stored: AttributeValue = context.definition.toValue(name, value, { rules: false });
  if (isEmptyKeyValue(stored)) {
    issues.push({
      path,
      rule: 'emptyKey',
      message: `"${name}" is a key, and DynamoDB refuses an empty string or binary as a key value`,
    });
  }
  return context.value(stored);
}

/**
 * Compiles `{ user_id: 'u1', created_at: { beginsWith: '2026' } }` into a KeyConditionExpression:
 * equality on the partition key, at most one operator on the sort key, nothing else (other
 * attributes belong in `filter`).
 */
export function compileKeyCondition(
  context: ExpressionContext,
  where: unknown,
  keys: KeyNames,
): string {
  const issues: Issue[] = [];
  if (!isPlainObject(where)) {
    throw new ValidationError(
      [{ path: 'where', rule: 'object', message: 'where is an object of key values' }],
      context.table,
    );
  }
  const parts: string[] = [];
  const partitionValue = where[keys.partitionKey];
  const partitionOperators = isOperatorObject(partitionValue) ? Object.keys(partitionValue) : [];
  const partitionEq =
    partitionOperators.length === 0
      ? partitionValue
      : partitionOperators.join() === 'eq'
        ? (partitionValue as { eq: unknown }).eq
        : undefined;
  if (partitionOperators.length > 0 && partitionOperators.join() !== 'eq') {
    issues.push({
      path: `where.${keys.partitionKey}`,
      rule: 'partition-key',
      message: 'the partition key takes equality only',
    });
  } else if (partitionEq === undefined) {
    issues.push({
      path: `where.${keys.partitionKey}`,
      rule: 'partition-key',
      message: `the partition key "${keys.partitionKey}" needs a value`,
    });
  } else {
    parts.push(
      `${context.path(keys.partitionKey)} = ${keyValue(context, keys.partitionKey, partitionEq, `where.${keys.partitionKey}`, issues)}`,
    );
  }
  for (const [name, value] of Object.entries(where)) {
    if (name === keys.partitionKey || value === undefined) continue;
    if (name !== keys.sortKey) {
      issues.push({
        path: `where.${name}`,
        rule: 'key-attribute',
        message: `"${name}" is not a key of this table or index; use filter for other attributes`,
      });
      continue;
    }
    const sortKey = context.path(name);
    const operators = isOperatorObject(value) ? Object.entries(value) : [['eq', value] as const];
    const undefinedOperator = operators.find(([, operand]) => operand === undefined);
    if (undefinedOperator) {
      // `{ gt: undefined }` would otherwise read a wider range than asked for.
      issues.push({
        path: `where.${name}.${undefinedOperator[0]}`,
        rule: undefinedOperator[0],
        message: `the ${undefinedOperator[0]} operand is undefined; give a value`,
      });
      continue;
    }
    if (operators.length !== 1) {
      issues.push({
        path: `where.${name}`,
        rule: 'sort-key',
        message: 'the sort key takes exactly one of eq, lt, lte, gt, gte, between, beginsWith',
      });
      continue;
    }
    const [operator, operand] = operators[0] as readonly [string, unknown];
    if (operator in SORT_OPERATORS) {
      parts.push(
        `${sortKey} ${SORT_OPERATORS[operator as keyof typeof SORT_OPERATORS]} ${keyValue(context, name, operand, `where.${name}.${operator}`, issues)}`,
      );
    } else if (
      operator === 'between' &&
      Array.isArray(operand) &&
      operand.length === 2 &&
      operand.every((bound) => bound !== undefined)
    ) {
      parts.push(
        `${sortKey} BETWEEN ${keyValue(context, name, operand[0], `where.${name}.between[0]`, issues)} AND ${keyValue(context, name, operand[1], `where.${name}.between[1]`, issues)}`,
      );
    } else if (operator === 'beginsWith') {
      // prefixValue names the attribute; here every issue is placed under `where`.
      const fail = (path: string, rule: string, message: string) =>
        new ValidationError([{ path: `where.${path}`, rule, message }], context.table);
      const prefix = prefixValue(context, name, operand, fail);
      // An empty prefix is refused by DynamoDB too; to read every sort key, leave the operator out.
      if (isEmptyKeyValue(prefix)) {
        issues.push({
          path: `where.${name}.beginsWith`,
          rule: 'emptyKey',
          message: `"${name}" is a key, and DynamoDB refuses an empty beginsWith prefix; omit the operator to read all`,
        });
      }
      parts.push(`begins_with(${sortKey}, ${context.value(prefix)})`);
    } else {
      issues.push({
        path: `where.${name}.${operator}`,
        rule: 'sort-key',
        message:
          'the sort key takes eq, lt, lte, gt, gte, between [low, high] or beginsWith (a string)',
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, context.table);
  return parts.join(' AND ');
}
