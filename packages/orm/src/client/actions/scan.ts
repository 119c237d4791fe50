import { ScanCommand, type ScanCommandInput } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '../../errors.js';
import type { AttributeNames, IndexNames } from '../../schema/types.js';
import { cursorKeyTypes, decodeCursor } from '../cursor.js';
import type { AnyTableDefinition } from '../definition.js';
import { compileCondition } from '../expressions/condition.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { keyNamesOf } from '../expressions/key-condition.js';
import { compileProjection } from '../expressions/projection.js';
import { type Page, toPage } from '../page.js';
import { translateCommonError } from '../sdk-errors.js';
import { readAttributes, type Table } from '../table-target.js';
import type { IndexProjected, ScanAllOptionsOf, ScanOptionsOf } from '../types.js';
import { checkLimit } from './query.js';

export interface ScanOptions<TFilter = unknown> {
  /** A global or local secondary index to scan instead of the table. */
  readonly index?: string;
  /** Condition applied after reading. */
  readonly filter?: TFilter;
  /** Items DynamoDB evaluates per page. */
  readonly limit?: number;
  /** Resume after the page that returned this cursor. */
  readonly cursor?: string;
  /** Parallel scan: this worker's segment, 0 ≤ segment < totalSegments. */
  readonly segment?: number;
  /** Parallel scan: how many segments the table is split into (1 to 1,000,000). */
  readonly totalSegments?: number;
  /** Strongly consistent read (not on global secondary indexes). Default: false. */
  readonly consistentRead?: boolean;
  /** Attribute paths to return; default: every attribute. */
  readonly projection?: readonly string[];
}

/** The Scan input. No I/O. */
export function buildScanInput(
  definition: AnyTableDefinition,
  tableName: string,
  options: ScanOptions = {},
): ScanCommandInput {
  checkLimit(options.limit, definition.name);
  const { segment, totalSegments } = options;
  if ((segment === undefined) !== (totalSegments === undefined)) {
    throw new ValidationError(
      [{ path: 'segment', rule: 'segments', message: 'segment and totalSegments go together' }],
      definition.name,
    );
  }
  if (
    segment !== undefined &&
    totalSegments !== undefined &&
    (!Number.isInteger(segment) ||
      !Number.isInteger(totalSegments) ||
      totalSegments < 1 ||
      totalSegments > 1_000_000 ||
      segment < 0 ||
      segment >= totalSegments)
  ) {
    throw new ValidationError(
      [
        {
          path: 'segment',
          rule: 'segments',
          message: 'need integers with 0 ≤ segment < totalSegments ≤ 1,000,000',
        },
      ],
      definition.name,
    );
  }
  if (options.index !== undefined) keyNamesOf(definition, options.index, definition.name);
  const context = new ExpressionContext(definition);
  const input: ScanCommandInput = { TableName: tableName };
  if (options.index !== undefined) input.IndexName = options.index;
  if (options.filter !== undefined)
    input.FilterExpression = compileCondition(context, options.filter);
  if (options.projection?.length)
    input.ProjectionExpression = compileProjection(context, options.projection);
  Object.assign(input, context.placeholders());
  if (options.limit !== undefined) input.Limit = options.limit;
  if (options.cursor !== undefined)
    input.ExclusiveStartKey = decodeCursor(
      options.cursor,
      definition.name,
      cursorKeyTypes(definition, options.index),
    );
  if (segment !== undefined) {
    input.Segment = segment;
    input.TotalSegments = totalSegments;
  }
  if (options.consistentRead) input.ConsistentRead = true;
  return input;
}

/** One page of a scan (optionally one segment of a parallel scan). */
export async function scanItems<
  T extends AnyTableDefinition,
  I extends IndexNames<T> = never,
  P extends AttributeNames<T> = AttributeNames<T>,
>(target: Table<T>, options: ScanOptionsOf<T, I, P> = {}): Promise<Page<IndexProjected<T, I, P>>> {
  const input = buildScanInput(target.definition, target.tableName, options as ScanOptions);
  const attributes = readAttributes(target.definition, options.index, options.projection);
  try {
    const output = await target.client.send(new ScanCommand(input));
    return toPage(target.definition, output, attributes) as Page<IndexProjected<T, I, P>>;
  } catch (error) {
    throw translateCommonError(error, target);
  }
}

export interface ScanAllOptions<TFilter = unknown>
  extends Omit<ScanOptions<TFilter>, 'segment' | 'totalSegments' | 'cursor'> {
  /** Scan this many segments in parallel. Default: 1 (sequential). */
  readonly segments?: number;
}

/** Every item of a scan; with `segments > 1` the segments run in parallel and interleave. */
export async function* scanAllItems<
  T extends AnyTableDefinition,
  I extends IndexNames<T> = never,
  P extends AttributeNames<T> = AttributeNames<T>,
>(
  target: Table<T>,
  options: ScanAllOptionsOf<T, I, P> = {},
): AsyncGenerator<IndexProjected<T, I, P>, void, undefined> {
  const { segments = 1, ...rest } = options as ScanAllOptions;
  if (!Number.isInteger(segments) || segments < 1) {
    throw new ValidationError(
      [{ path: 'segments', rule: 'segments', message: 'segments must be a positive integer' }],
      target.definition.name,
    );
  }
  const segmentPages = async function* (
    segment: number,
  ): AsyncGenerator<unknown[], void, undefined> {
    let cursor: string | undefined;
    do {
      const page = await scanItems(
        target as Table,
        {
          ...rest,
          cursor,
          ...(segments > 1 ? { segment, totalSegments: segments } : {}),
        } as ScanOptionsOf<AnyTableDefinition, string, string>,
      );
      yield page.items;
      cursor = page.cursor;
    } while (cursor !== undefined);
  };
  for await (const items of merge(
    Array.from({ length: segments }, (_, segment) => segmentPages(segment)),
  )) {
    yield* items as IndexProjected<T, I, P>[];
  }
}

/** Interleaves async iterators, yielding whichever produces next; the first error stops all. */
async function* merge<T>(iterators: AsyncIterator<T>[]): AsyncGenerator<T, void, undefined> {
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const pull = (index: number) => {
    const iterator = iterators[index] as AsyncIterator<T>;
    pending.set(
      index,
      iterator.next().then((result) => ({ index, result })),
    );
  };
  for (let index = 0; index < iterators.length; index++) pull(index);
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) pending.delete(index);
      else {
        pull(index);
        yield result.value;
      }
    }
  } finally {
    // Reads still in flight may fail after we stopped listening; their errors are moot then.
    for (const read of pending.values()) read.catch(() => undefined);
    await Promise.allSettled([...pending.keys()].map((index) => iterators[index]?.return?.()));
  }
}
