import {
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { IndexNames } from '../../schema/types.js';
import type { AnyTableDefinition } from '../definition.js';
import { translateCommonError } from '../sdk-errors.js';
import type { Table } from '../table-target.js';
import type { CountOptionsOf } from '../types.js';
import { buildQueryInput } from './query.js';
import { buildScanInput } from './scan.js';

export interface CountOptions<TWhere = unknown, TFilter = unknown> {
  /** Key condition: counts with a Query when given, else with a Scan. */
  readonly where?: TWhere;
  /** A global or local secondary index to count in instead of the table. */
  readonly index?: string;
  /** Only items matching this condition are counted. */
  readonly filter?: TFilter;
  /** Strongly consistent read (not on global secondary indexes). Default: false. */
  readonly consistentRead?: boolean;
  /** Items DynamoDB evaluates per request; the count still covers every page. Default: 1 MB pages. */
  readonly pageSize?: number;
}

export type CountInput =
  | { readonly operation: 'query'; readonly input: QueryCommandInput }
  | { readonly operation: 'scan'; readonly input: ScanCommandInput };

/** The first page's Query (with `where`) or Scan input, with `Select: 'COUNT'`. No I/O. */
export function buildCountInput(
  definition: AnyTableDefinition,
  tableName: string,
  options: CountOptions = {},
): CountInput {
  const { where, pageSize, ...rest } = options;
  const limit = pageSize === undefined ? {} : { limit: pageSize };
  return where === undefined
    ? {
        operation: 'scan',
        input: { ...buildScanInput(definition, tableName, { ...rest, ...limit }), Select: 'COUNT' },
      }
    : {
        operation: 'query',
        input: {
          ...buildQueryInput(definition, tableName, { ...rest, ...limit, where }),
          Select: 'COUNT',
        },
      };
}

/** Counts matching items across every page (DynamoDB counts at most 1 MB of data per page). */
export async function countItems<T extends AnyTableDefinition, I extends IndexNames<T> = never>(
  target: Table<T>,
  options: CountOptionsOf<T, I> = {},
): Promise<number> {
  const count = buildCountInput(target.definition, target.tableName, options as CountOptions);
  let total = 0;
  let startKey = count.input.ExclusiveStartKey;
  try {
    do {
      const output =
        count.operation === 'query'
          ? await target.client.send(
              new QueryCommand({ ...count.input, ExclusiveStartKey: startKey }),
            )
          : await target.client.send(
              new ScanCommand({ ...count.input, ExclusiveStartKey: startKey }),
            );
      total += output.Count ?? 0;
      startKey = output.LastEvaluatedKey;
    } while (startKey);
  } catch (error) {
    throw translateCommonError(error, target);
  }
  return total;
}
