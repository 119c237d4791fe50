import { PutItemCommand, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { fail } from '../../schema/issues.js';
import type { ItemOf, PutInputOf } from '../../schema/types.js';
import type { AnyTableDefinition } from '../definition.js';
import { allOf, compileCondition } from '../expressions/condition.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { translateWriteError } from '../sdk-errors.js';
import { type Table, versionAttributeOf } from '../table-target.js';
import type { ConditionOf } from '../types.js';

export interface PutOptions<TCondition = unknown> {
  /** Write only if this condition holds on the stored item (e.g. `{ status: 'pending' }`). */
  readonly condition?: TCondition;
  /** Write only if no item with this key exists (create, never overwrite). Default: false. */
  readonly mustNotExist?: boolean;
}

/** A validated put: the item as stored and the PutItem input for it. */
export interface PreparedPut {
  readonly item: unknown;
  readonly input: PutItemCommandInput;
  /** With a version attribute: the version the input carried (`undefined` for a new item). */
  readonly expectedVersion?: number;
}

/**
 * Validates the input through the definition (defaults, timestamps, every rule) and builds the
 * PutItem input. With a version attribute, the write is conditioned on the version the input
 * carries (or on absence when it carries none) and stores the next version. No I/O.
 */
export function preparePut(
  definition: AnyTableDefinition,
  tableName: string,
  input: unknown,
  options: PutOptions = {},
): PreparedPut {
  const versionAttribute = versionAttributeOf(definition);
  let source = input;
  let expectedVersion: number | undefined;
  if (versionAttribute && typeof input === 'object' && input !== null) {
    const current = (input as Record<string, unknown>)[versionAttribute];
    if (current !== undefined && !Number.isInteger(current)) {
      fail(versionAttribute, 'version', 'the version must be an integer', definition.name);
    }
    expectedVersion = current as number | undefined;
    source = { ...input, [versionAttribute]: (expectedVersion ?? 0) + 1 };
  }
  const item = definition.parsePut(source);
  const context = new ExpressionContext(definition);
  const conditions: string[] = [];
  if (options.mustNotExist || (versionAttribute && expectedVersion === undefined)) {
    conditions.push(`attribute_not_exists(${context.name(definition.schema.partitionKey.name)})`);
  }
  if (versionAttribute && expectedVersion !== undefined) {
    conditions.push(
      `${context.name(versionAttribute)} = ${context.value({ N: String(expectedVersion) })}`,
    );
  }
  if (options.condition !== undefined)
    conditions.push(compileCondition(context, options.condition));
  const request: PutItemCommandInput = { TableName: tableName, Item: definition.toItem(item) };
  if (conditions.length > 0) {
    request.ConditionExpression = allOf(conditions);
    Object.assign(request, context.placeholders());
    request.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
  }
  return { item, input: request, expectedVersion };
}

/** The PutItem input for an item (see `preparePut`). No I/O. */
export function buildPutInput(
  definition: AnyTableDefinition,
  tableName: string,
  input: unknown,
  options: PutOptions = {},
): PutItemCommandInput {
  return preparePut(definition, tableName, input, options).input;
}

/**
 * Validates and writes an item; returns it as stored (defaults, timestamps, version applied).
 * `{ mustNotExist: true }` refuses to overwrite; `condition` must hold on the stored item.
 *
 * ```ts
 * const user = await putItem(users, { user_id: 'u1', email: 'a@b.c', created_at: new Date() });
 * ```
 */
export async function putItem<T extends AnyTableDefinition>(
  target: Table<T>,
  input: PutInputOf<T>,
  options: PutOptions<ConditionOf<T>> = {},
): Promise<ItemOf<T>> {
  const prepared = preparePut(target.definition, target.tableName, input, options);
  try {
    await target.client.send(new PutItemCommand(prepared.input));
  } catch (error) {
    const versionAttribute = versionAttributeOf(target.definition);
    throw translateWriteError(error, target, {
      key: keyOf(target.definition, prepared.item),
      versionAttribute,
      expectedVersion: prepared.expectedVersion,
      versionChecked: versionAttribute !== undefined,
    });
  }
  return prepared.item as ItemOf<T>;
}

function keyOf(definition: AnyTableDefinition, item: unknown): Record<string, unknown> {
  const record = item as Record<string, unknown>;
  const { partitionKey, sortKey } = definition.schema;
  return {
    [partitionKey.name]: record[partitionKey.name],
    ...(sortKey ? { [sortKey.name]: record[sortKey.name] } : {}),
  };
}
