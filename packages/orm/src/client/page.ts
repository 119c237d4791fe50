import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { encodeCursor } from './cursor.js';
import type { AnyTableDefinition } from './definition.js';
import { parseProjected } from './table-target.js';

/** One page: the items and, when more may follow, an opaque cursor for the next page. */
export interface Page<Item> {
  readonly items: Item[];
  readonly cursor?: string;
}

/**
 * A Query or Scan answer as a page: each item parsed to the attributes that were read, and a
 * cursor when DynamoDB says more may follow.
 */
export function toPage(
  definition: AnyTableDefinition,
  output: {
    Items?: Record<string, AttributeValue>[];
    LastEvaluatedKey?: Record<string, AttributeValue>;
  },
  attributes: readonly string[] | undefined,
): Page<unknown> {
  const items = (output.Items ?? []).map((raw) => parseProjected(definition, raw, attributes));
  return output.LastEvaluatedKey
    ? { items, cursor: encodeCursor(output.LastEvaluatedKey) }
    : { items };
}
