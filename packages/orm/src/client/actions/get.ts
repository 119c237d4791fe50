import { GetItemCommand, type GetItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { AttributeNames, KeyOf } from '../../schema/types.js';
import type { AnyKey, AnyTableDefinition } from '../definition.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { compileProjection } from '../expressions/projection.js';
import { translateCommonError } from '../sdk-errors.js';
import { parseProjected, readAttributes, type Table } from '../table-target.js';
import type { GetOptionsOf, Projected } from '../types.js';

export interface GetOptions {
  /** Strongly consistent read (twice the read cost). Default: false. */
  readonly consistentRead?: boolean;
  /** Attribute paths to return; default: the whole item. */
  readonly projection?: readonly string[];
}

/** The GetItem input for a key (validated by the definition). No I/O. */
export function buildGetInput(
  definition: AnyTableDefinition,
  tableName: string,
  key: AnyKey,
  options: GetOptions = {},
): GetItemCommandInput {
  const input: GetItemCommandInput = { TableName: tableName, Key: definition.toKey(key) };
  if (options.consistentRead) input.ConsistentRead = true;
  if (options.projection?.length) {
    const context = new ExpressionContext(definition);
    input.ProjectionExpression = compileProjection(context, options.projection);
    input.ExpressionAttributeNames = context.names;
  }
  return input;
}

/**
 * Reads one item by key; `undefined` when there is none.
 *
 * ```ts
 * const user = await getItem(users, { user_id: 'u1' });
 * ```
 */
export async function getItem<
  T extends AnyTableDefinition,
  P extends AttributeNames<T> = AttributeNames<T>,
>(
  target: Table<T>,
  key: KeyOf<T>,
  options: GetOptionsOf<T, P> = {},
): Promise<Projected<T, P> | undefined> {
  const input = buildGetInput(target.definition, target.tableName, key as AnyKey, options);
  try {
    const output = await target.client.send(new GetItemCommand(input));
    return output.Item
      ? (parseProjected(
          target.definition,
          output.Item,
          readAttributes(target.definition, undefined, options.projection),
        ) as Projected<T, P>)
      : undefined;
  } catch (error) {
    throw translateCommonError(error, target);
  }
}
