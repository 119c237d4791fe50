import { DeleteItemCommand, type DeleteItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { ItemOf, KeyOf } from '../../schema/types.js';
import type { AnyKey, AnyTableDefinition } from '../definition.js';
import { allOf, compileCondition } from '../expressions/condition.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { translateWriteError } from '../sdk-errors.js';
import { parseStored, type Table, versionAttributeOf } from '../table-target.js';
import type { ConditionOf } from '../types.js';

export interface DeleteOptions<TCondition = unknown> {
  /** Delete only if this condition holds on the stored item. */
  readonly condition?: TCondition;
  /** Optimistic locking: delete only if the stored version equals this one. */
  readonly expectedVersion?: number;
}

/** The DeleteItem input (ReturnValues ALL_OLD). No I/O. */
export function buildDeleteInput(
  definition: AnyTableDefinition,
  tableName: string,
  key: AnyKey,
  options: DeleteOptions = {},
): DeleteItemCommandInput {
  const input: DeleteItemCommandInput = {
    TableName: tableName,
    Key: definition.toKey(key),
    ReturnValues: 'ALL_OLD',
  };
  const context = new ExpressionContext(definition);
  const conditions: string[] = [];
  const versionAttribute = versionAttributeOf(definition);
  if (versionAttribute && options.expectedVersion !== undefined) {
    conditions.push(
      `${context.name(versionAttribute)} = ${context.value({ N: String(options.expectedVersion) })}`,
    );
  }
  if (options.condition !== undefined)
    conditions.push(compileCondition(context, options.condition));
  if (conditions.length > 0) {
    input.ConditionExpression = allOf(conditions);
    Object.assign(input, context.placeholders());
    input.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
  }
  return input;
}

/** Deletes an item; returns it as it was, or `undefined` when there was none. */
export async function deleteItem<T extends AnyTableDefinition>(
  target: Table<T>,
  key: KeyOf<T>,
  options: DeleteOptions<ConditionOf<T>> = {},
): Promise<ItemOf<T> | undefined> {
  const input = buildDeleteInput(target.definition, target.tableName, key as AnyKey, options);
  try {
    const output = await target.client.send(new DeleteItemCommand(input));
    // Parsed leniently: the item is deleted, whatever shape it had.
    return output.Attributes
      ? (parseStored(target.definition, output.Attributes) as ItemOf<T>)
      : undefined;
  } catch (error) {
    const versionAttribute = versionAttributeOf(target.definition);
    throw translateWriteError(error, target, {
      key,
      versionAttribute,
      expectedVersion: options.expectedVersion,
      versionChecked: versionAttribute !== undefined && options.expectedVersion !== undefined,
    });
  }
}
