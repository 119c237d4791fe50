import {
  type AttributeValue,
  BatchGetItemCommand,
  type BatchGetItemCommandInput,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import { UnprocessedItemsError, ValidationError, type ValidationIssue } from '../../errors.js';
import type { AttributeNames, KeyOf } from '../../schema/types.js';
import { chunk } from '../chunk.js';
import { BATCH_CONCURRENCY, runConcurrent } from '../concurrency.js';
import type { AnyKey, AnyTableDefinition } from '../definition.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { compileProjection } from '../expressions/projection.js';
import { type BatchRetryOptions, backoffDelay, resolveRetry, sleep } from '../retry.js';
import { errorName, THROTTLING_ERRORS, translateCommonError } from '../sdk-errors.js';
import {
  keyAttributesOf,
  keySignature,
  parseProjected,
  readAttributes,
  type Table,
} from '../table-target.js';
import type { BatchGetOptionsOf, Projected } from '../types.js';

/** DynamoDB's limit of keys per BatchGetItem request. */
export const BATCH_GET_LIMIT = 100;

export interface BatchGetOptions {
  /** Strongly consistent reads. Default: false. */
  readonly consistentRead?: boolean;
  /** Attribute paths to return; the key attributes are always added (to match items to keys). */
  readonly projection?: readonly string[];
  /** Retries of unprocessed keys and throttled requests. */
  readonly retry?: BatchRetryOptions;
}

interface BatchGetPlan {
  /** One signature per requested key, in request order. */
  readonly signatures: string[];
  /** Distinct keys (duplicates are read once), by signature. */
  readonly unique: Map<string, { raw: Record<string, AttributeValue>; key: AnyKey }>;
  /** What every chunk's request carries besides its keys. */
  readonly base: Omit<KeysAndAttributes, 'Keys'>;
}

function planBatchGet(
  definition: AnyTableDefinition,
  keys: readonly AnyKey[],
  options: BatchGetOptions,
): BatchGetPlan {
  const signatures: string[] = [];
  const unique = new Map<string, { raw: Record<string, AttributeValue>; key: AnyKey }>();
  const issues: ValidationIssue[] = [];
  keys.forEach((key, index) => {
    try {
      const raw = definition.toKey(key);
      const signature = keySignature(definition, raw);
      signatures.push(signature);
      if (!unique.has(signature)) unique.set(signature, { raw, key });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues) issues.push({ ...issue, path: `[${index}].${issue.path}` });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues, definition.name);
  const base: Omit<KeysAndAttributes, 'Keys'> = {};
  if (options.consistentRead) base.ConsistentRead = true;
  if (options.projection?.length) {
    const context = new ExpressionContext(definition);
    const paths = [...new Set([...keyAttributesOf(definition), ...options.projection])];
    base.ProjectionExpression = compileProjection(context, paths);
    base.ExpressionAttributeNames = context.names;
  }
  return { signatures, unique, base };
}

/** The BatchGetItem inputs for the keys: duplicates removed, chunked by 100. No I/O. */
export function buildBatchGetInputs(
  definition: AnyTableDefinition,
  tableName: string,
  keys: readonly AnyKey[],
  options: BatchGetOptions = {},
): BatchGetItemCommandInput[] {
  const plan = planBatchGet(definition, keys as readonly AnyKey[], options);
  return chunk(
    [...plan.unique.values()].map((entry) => entry.raw),
    BATCH_GET_LIMIT,
  ).map((Keys) => ({
    RequestItems: { [tableName]: { ...plan.base, Keys } },
  }));
}

/**
 * Reads many items by key. The result is aligned with `keys` (`undefined` where no item exists).
 * Unprocessed keys and throttled requests are retried with backoff; what is still unread after
 * the last attempt is thrown as `UnprocessedItemsError` carrying exactly those keys.
 *
 * Any other error stops the batch: no further chunk is sent, the chunks in flight are awaited,
 * and `UnprocessedItemsError` (with the error as `cause`, `processed` holding what was read)
 * lists every key not read.
 */
export async function batchGetItems<
  T extends AnyTableDefinition,
  P extends AttributeNames<T> = AttributeNames<T>,
>(
  target: Table<T>,
  keys: readonly KeyOf<T>[],
  options: BatchGetOptionsOf<T, P> = {},
): Promise<(Projected<T, P> | undefined)[]> {
  const { definition, tableName } = target;
  const retry = resolveRetry(options.retry, definition.name);
  const plan = planBatchGet(definition, keys, options);
  const found = new Map<string, unknown>();
  const attributes = readAttributes(definition, undefined, options.projection);
  let pending = [...plan.unique.values()].map((entry) => entry.raw);
  const unprocessedError = (
    keys: Record<string, AttributeValue>[],
    attempts: number,
    cause?: unknown,
  ) => {
    const unprocessed = keys.map(
      (raw) => plan.unique.get(keySignature(definition, raw))?.key ?? raw,
    );
    const processed = plan.signatures.map((signature) => found.get(signature));
    const error = new UnprocessedItemsError(
      'batchGet',
      unprocessed,
      attempts,
      tableName,
      processed,
    );
    if (cause !== undefined) error.cause = cause;
    return error;
  };
  for (let attempt = 1; pending.length > 0; attempt++) {
    const chunks = chunk(pending, BATCH_GET_LIMIT);
    const run = await runConcurrent(chunks, BATCH_CONCURRENCY, async (Keys) => {
      try {
        const output = await target.client.send(
          new BatchGetItemCommand({ RequestItems: { [tableName]: { ...plan.base, Keys } } }),
        );
        for (const raw of output.Responses?.[tableName] ?? []) {
          found.set(keySignature(definition, raw), parseProjected(definition, raw, attributes));
        }
        return output.UnprocessedKeys?.[tableName]?.Keys ?? [];
      } catch (error) {
        if (THROTTLING_ERRORS.has(errorName(error) ?? '')) return Keys;
        throw error;
      }
    });
    // Not known to be read: what finished chunks left unprocessed, the failed chunk and every
    // chunk that never started.
    pending = chunks.flatMap((keys, index) =>
      run.done[index] ? (run.results[index] ?? []) : keys,
    );
    if (run.failure) {
      throw unprocessedError(pending, attempt, translateCommonError(run.failure.error, target));
    }
    if (pending.length === 0) break;
    if (attempt >= retry.maxAttempts) throw unprocessedError(pending, attempt);
    await sleep(backoffDelay(attempt, retry));
  }
  return plan.signatures.map((signature) => found.get(signature) as Projected<T, P> | undefined);
}
