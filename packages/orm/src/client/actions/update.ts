import { UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { ItemOf, KeyOf } from '../../schema/index.js';
import type { AnyDefinition, AnyKey } from '../definition.js';
import { allOf, compileCondition } from '../expressions/condition.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { compileUpdate } from '../expressions/update.js';
import { translateWriteError } from '../sdk-errors.js';
import {
  keyAttributesOf,
  parseStored,
  type TableTarget,
  versionAttributeOf,
} from '../table-target.js';
import type { ConditionOf, UpdateOf } from '../types.js';

export interface UpdateOptions<TCondition = unknown> {
  /** Update only if this condition holds on the stored item. */
  readonly condition?: TCondition;
  /**
   * Optimistic locking: update only if the stored version equals this one. Without it, a
   * versioned item is still bumped, but the update does not check the version.
   */
  readonly expectedVersion?: number;
  /** Update only an existing item (otherwise DynamoDB creates it from the key). Default: false. */
  readonly mustExist?: boolean;
  /** The time written to the `updatedAt` timestamp. Default: now. */
  readonly now?: Date;
}

/** The UpdateItem input (ReturnValues ALL_NEW). Key attributes are never written. No I/O. */
export function buildUpdateInput(
  definition: AnyDefinition,
  tableName: string,
  key: AnyKey,
  spec: unknown,
  options: UpdateOptions = {},
): UpdateItemCommandInput {
  const context = new ExpressionContext(definition);
  const versionAttribute = versionAttributeOf(definition);
  const Key = definition.toKey(key);
  const UpdateExpression = compileUpdate(context, spec, {
    keyAttributes: keyAttributesOf(definition),
    versionAttribute,
    updatedAtAttribute: definition.timestamps?.updatedAt,
    now: options.now,
  });
  const conditions: string[] = [];
  if (options.mustExist) {
    conditions.push(`attribute_exists(${context.name(definition.schema.partitionKey.name)})`);
  }
  if (versionAttribute && options.expectedVersion !== undefined) {
    conditions.push(
      `${context.name(versionAttribute)} = ${context.value({ N: String(options.expectedVersion) })}`,
    );
  }
  if (options.condition !== undefined)
    conditions.push(compileCondition(context, options.condition));
  const input: UpdateItemCommandInput = {
    TableName: tableName,
    Key,
    UpdateExpression,
    ...context.placeholders(),
    ReturnValues: 'ALL_NEW',
  };
  if (conditions.length > 0) {
    input.ConditionExpression = allOf(conditions);
    input.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';
  }
  return input;
}

/** Applies an atomic update; returns the item as it is afterwards. */
export async function updateItem<T extends AnyDefinition>(
  target: TableTarget<T>,
  key: KeyOf<T>,
  spec: UpdateOf<T>,
  options: UpdateOptions<ConditionOf<T>> = {},
): Promise<ItemOf<T>> {
  const input = buildUpdateInput(target.definition, target.tableName, key as AnyKey, spec, options);
  try {
    const output = await target.client.send(new UpdateItemCommand(input));
    // Parsed leniently: the update is applied, even if other attributes no longer fit.
    return parseStored(target.definition, output.Attributes ?? {}) as ItemOf<T>;
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
