import { QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '../../errors.js';
import type { AttributeNames, IndexNames } from '../../schema/types.js';
import { cursorKeyTypes, decodeCursor } from '../cursor.js';
import type { AnyTableDefinition } from '../definition.js';
import { compileCondition } from '../expressions/condition.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { compileKeyCondition, keyNamesOf } from '../expressions/key-condition.js';
import { compileProjection } from '../expressions/projection.js';
import { type Page, toPage } from '../page.js';
import { translateCommonError } from '../sdk-errors.js';

export type { Page } from '../page.js';

import { readAttributes, type Table } from '../table-target.js';
import type { IndexProjected, QueryOptionsOf } from '../types.js';

export interface QueryOptions<TWhere = unknown, TFilter = unknown> {
  /** Key condition: the partition key's value, optionally one operator on the sort key. */
  readonly where: TWhere;
  /** A global or local secondary index to query instead of the table. */
  readonly index?: string;
  /** Condition applied after reading (it does not reduce the read cost). */
  readonly filter?: TFilter;
  /** Items DynamoDB evaluates per page (before the filter). Default: up to 1 MB per page. */
  readonly limit?: number;
  /** Sort-key order. Default: 'asc'. */
  readonly order?: 'asc' | 'desc';
  /** Resume after the page that returned this cursor. */
  readonly cursor?: string;
  /** Strongly consistent read (not on global secondary indexes). Default: false. */
  readonly consistentRead?: boolean;
  /** Attribute paths to return; default: every projected attribute. */
  readonly projection?: readonly string[];
}

export function checkLimit(limit: number | undefined, table: string): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new ValidationError(
      [{ path: 'limit', rule: 'limit', message: 'limit must be a positive integer' }],
      table,
    );
  }
}

/** The Query input. No I/O. */
export function buildQueryInput(
  definition: AnyTableDefinition,
  tableName: string,
  options: QueryOptions,
): QueryCommandInput {
  checkLimit(options.limit, definition.name);
  const context = new ExpressionContext(definition);
  const keys = keyNamesOf(definition, options.index, definition.name);
  const input: QueryCommandInput = {
    TableName: tableName,
    KeyConditionExpression: compileKeyCondition(context, options.where, keys),
  };
  if (options.index !== undefined) input.IndexName = options.index;
  if (options.filter !== undefined)
    input.FilterExpression = compileCondition(context, options.filter);
  if (options.projection?.length)
    input.ProjectionExpression = compileProjection(context, options.projection);
  Object.assign(input, context.placeholders());
  if (options.limit !== undefined) input.Limit = options.limit;
  if (options.order === 'desc') input.ScanIndexForward = false;
  if (options.cursor !== undefined)
    input.ExclusiveStartKey = decodeCursor(
      options.cursor,
      definition.name,
      cursorKeyTypes(definition, options.index),
    );
  if (options.consistentRead) input.ConsistentRead = true;
  return input;
}

/**
 * One page of a query; pass `cursor` back to read the next page. Through an index that copies
 * only keys (or keys and some attributes), items hold just those attributes, typed so.
 *
 * ```ts
 * const { items, cursor } = await queryItems(orders, { where: { user_id: 'u1' }, limit: 20 });
 * ```
 */
export async function queryItems<
  T extends AnyTableDefinition,
  I extends IndexNames<T> = never,
  P extends AttributeNames<T> = AttributeNames<T>,
>(target: Table<T>, options: QueryOptionsOf<T, I, P>): Promise<Page<IndexProjected<T, I, P>>> {
  const input = buildQueryInput(target.definition, target.tableName, options as QueryOptions);
  const attributes = readAttributes(target.definition, options.index, options.projection);
  try {
    const output = await target.client.send(new QueryCommand(input));
    return toPage(target.definition, output, attributes) as Page<IndexProjected<T, I, P>>;
  } catch (error) {
    throw translateCommonError(error, target);
  }
}

/** Every item of a query, reading page after page as the loop asks for more (`limit` sets the page size). */
export async function* queryAllItems<
  T extends AnyTableDefinition,
  I extends IndexNames<T> = never,
  P extends AttributeNames<T> = AttributeNames<T>,
>(
  target: Table<T>,
  options: QueryOptionsOf<T, I, P>,
): AsyncGenerator<IndexProjected<T, I, P>, void, undefined> {
  let cursor = options.cursor;
  do {
    const page = await queryItems(target, { ...options, cursor });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor !== undefined);
}
