import { UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { ItemOf, KeyOf } from '../../schema/types.js';
import type { AnyKey, AnyTableDefinition } from '../definition.js';
import { allOf, compileCondition } from '../expressions/condition.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { attributesCreatedBy, compileUpdate } from '../expressions/update.js';
import { translateWriteError } from '../sdk-errors.js';
import { keyAttributesOf, parseStored, type Table, versionAttributeOf } from '../table-target.js';
import type { ConditionOf, UpdateOf } from '../types.js';

export interface UpdateOptions<TCondition = unknown> {
  /** Update only if this condition holds on the stored item. */
  readonly condition?: TCondition;
  /**
   * Optimistic locking: update only if the stored version equals this one. Without it, a
   * versioned item is still bumped, but the update does not check the version.
   */
  readonly expectedVersion?: number;
  /**
   * Update only an existing item. Default: false — but an update that could not create a valid
   * item (a required attribute without a default would be missing) only ever updates an
   * existing one: see `buildUpdateInput`.
   */
  readonly mustExist?: boolean;
  /** The time written to the `updatedAt` timestamp. Default: now. */
  readonly now?: Date;
}

/**
 * The attributes an update would leave out of the item it creates when none exists: required,
 * without a default, not a key, not a managed timestamp, not written whole by the update (sets are
 * exempt: an absent set reads as an empty one). Empty when the update may create the item.
 */
export function attributesMissingForCreate(
  definition: AnyTableDefinition,
  spec: unknown,
): string[] {
  const written = attributesCreatedBy(spec);
  const keys = keyAttributesOf(definition);
  const { createdAt, updatedAt } = definition.timestamps ?? {};
  return Object.values(definition.attributes)
    .filter(
      (attribute) =>
        !attribute.optional &&
        !attribute.hasDefault &&
        !attribute.kind.endsWith('Set') &&
        !keys.includes(attribute.name) &&
        attribute.name !== createdAt &&
        attribute.name !== updatedAt &&
        !written.has(attribute.name),
    )
    .map((attribute) => attribute.name);
}

/**
 * `{ missingForCreate }` when the client itself requires the item to exist (no `mustExist`, and
 * the update may not create the item), else `{}`: how a failed write tells a missing item from a
 * condition the caller wrote.
 */
export function missingForCreate(
  definition: AnyTableDefinition,
  spec: unknown,
  mustExist: boolean | undefined,
): { missingForCreate?: readonly string[] } {
  if (mustExist) return {};
  const missing = attributesMissingForCreate(definition, spec);
  return missing.length > 0 ? { missingForCreate: missing } : {};
}

/** Whether an update may create the item when it does not exist (see `attributesMissingForCreate`). */
export function updateMayCreate(definition: AnyTableDefinition, spec: unknown): boolean {
  return attributesMissingForCreate(definition, spec).length === 0;
}

/**
 * The UpdateItem input (ReturnValues ALL_NEW). Key attributes are never written. No I/O.
 *
 * DynamoDB creates a missing item from the key and the update. That is allowed only when the
 * result is a valid item (`updateMayCreate`): an atomic counter such as
 * `{ add: { total_users: 1 } }` keeps upserting, but `{ set: { status: 'x' } }` on a table with
 * other required attributes gets `attribute_exists(<partition key>)` added, so it updates an
 * existing item or fails with `UpdateCannotCreateError` naming what is missing.
 */
export function buildUpdateInput(
  definition: AnyTableDefinition,
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
    createdAtAttribute: definition.timestamps?.createdAt,
    now: options.now,
  });
  const conditions: string[] = [];
  if (options.mustExist || !updateMayCreate(definition, spec)) {
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
export async function updateItem<T extends AnyTableDefinition>(
  target: Table<T>,
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
      ...missingForCreate(target.definition, spec, options.mustExist),
      versionAttribute,
      expectedVersion: options.expectedVersion,
      versionChecked: versionAttribute !== undefined && options.expectedVersion !== undefined,
    });
  }
}
