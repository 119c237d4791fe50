import { GetItemCommand, type GetItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { AnyDefinition, AnyKey } from '../definition.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { compileProjection } from '../expressions/projection.js';
import { translateCommonError } from '../sdk-errors.js';
import { parseProjected, type TableTarget } from '../table-target.js';

export interface GetOptions {
  /** Strongly consistent read (twice the read cost). Default: false. */
  readonly consistentRead?: boolean;
  /** Attribute paths to return; default: the whole item. */
  readonly projection?: readonly string[];
}

/** The GetItem input for a key (validated by the definition). No I/O. */
export function buildGetInput(
  definition: AnyDefinition,
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

/** Reads one item; `undefined` when there is none. */
export async function getItem(
  target: TableTarget,
  key: AnyKey,
  options: GetOptions = {},
): Promise<unknown> {
  const input = buildGetInput(target.definition, target.tableName, key, options);
  try {
    const output = await target.client.send(new GetItemCommand(input));
    return output.Item
      ? parseProjected(target.definition, output.Item, options.projection)
      : undefined;
  } catch (error) {
    throw translateCommonError(error, target);
  }
}
