import {
  type AttributeValue,
  BatchWriteItemCommand,
  type BatchWriteItemCommandInput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { UnprocessedItemsError, ValidationError, type ValidationIssue } from '../../errors.js';
import type { KeyOf, PutInputOf } from '../../schema/types.js';
import { chunk } from '../chunk.js';
import { BATCH_CONCURRENCY, runConcurrent } from '../concurrency.js';
import type { AnyKey, AnyTableDefinition } from '../definition.js';
import { type BatchRetryOptions, backoffDelay, resolveRetry, sleep } from '../retry.js';
import { errorName, THROTTLING_ERRORS, translateCommonError } from '../sdk-errors.js';
import { keySignature, type Table, versionAttributeOf } from '../table-target.js';

/** DynamoDB's limit of requests per BatchWriteItem request. */
export const BATCH_WRITE_LIMIT = 25;

/** One request of a batch write: put an item, or delete the item with a key. */
export type BatchWriteRequest<PutInput = unknown, Key = AnyKey> =
  | { readonly put: PutInput }
  | { readonly delete: Key };

export interface BatchWriteOptions {
  /** Retries of unprocessed items and throttled requests. */
  readonly retry?: BatchRetryOptions;
}

interface PreparedWrite {
  readonly request: BatchWriteRequest;
  readonly write: WriteRequest;
  readonly signature: string;
}

/**
 * Validates every request before anything is sent: puts go through `parsePut` (one
 * ValidationError lists every bad field as `[index].field`), deletes through `toKey`. Two
 * requests on one key are refused: DynamoDB rejects them, and which should win is ambiguous.
 */
function prepareWrites(
  definition: AnyTableDefinition,
  requests: readonly BatchWriteRequest[],
): PreparedWrite[] {
  const issues: ValidationIssue[] = [];
  const prepared: PreparedWrite[] = [];
  const seen = new Map<string, number>();
  const versioned = versionAttributeOf(definition);
  requests.forEach((request, index) => {
    try {
      let raw: Record<string, AttributeValue>;
      let write: WriteRequest;
      if ('put' in request) {
        if (versioned) {
          issues.push({
            path: `[${index}]`,
            rule: 'versioned',
            message: `${definition.name} has a version attribute; batch writes cannot check it — use put or transactWrite`,
          });
          return;
        }
        raw = definition.toItem(definition.parsePut(request.put));
        write = { PutRequest: { Item: raw } };
      } else if ('delete' in request) {
        raw = definition.toKey(request.delete);
        write = { DeleteRequest: { Key: raw } };
      } else {
        issues.push({
          path: `[${index}]`,
          rule: 'request',
          message: 'a batch write request is { put: item } or { delete: key }',
        });
        return;
      }
      const signature = keySignature(definition, raw);
      const earlier = seen.get(signature);
      if (earlier !== undefined) {
        issues.push({
          path: `[${index}]`,
          rule: 'unique-key',
          message: `same key as request [${earlier}]; one batch may touch a key once`,
        });
        return;
      }
      seen.set(signature, index);
      prepared.push({ request, write, signature });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues) issues.push({ ...issue, path: `[${index}].${issue.path}` });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues, definition.name);
  return prepared;
}

/** The BatchWriteItem inputs, validated and chunked by 25. No I/O. */
export function buildBatchWriteInputs(
  definition: AnyTableDefinition,
  tableName: string,
  requests: readonly BatchWriteRequest[],
): BatchWriteItemCommandInput[] {
  return chunk(prepareWrites(definition, requests), BATCH_WRITE_LIMIT).map((writes) => ({
    RequestItems: { [tableName]: writes.map((entry) => entry.write) },
  }));
}

/**
 * Puts and deletes many items. Unprocessed items and throttled requests are retried with
 * exponential backoff and full jitter; whatever is still unwritten after the last attempt is
 * thrown as `UnprocessedItemsError` carrying exactly those requests. Nothing is dropped.
 *
 * Any other error stops the batch: no further chunk is sent, the chunks in flight are awaited,
 * and `UnprocessedItemsError` (with the error as `cause`) lists every request not known to be
 * written — the failed chunk's and those never sent.
 */
export async function batchWriteItems<T extends AnyTableDefinition>(
  target: Table<T>,
  requests: readonly BatchWriteRequest<PutInputOf<T>, KeyOf<T>>[],
  options: BatchWriteOptions = {},
): Promise<void> {
  const { definition, tableName } = target;
  const retry = resolveRetry(options.retry, definition.name);
  const prepared = prepareWrites(definition, requests as readonly BatchWriteRequest[]);
  const bySignature = new Map(prepared.map((entry) => [entry.signature, entry]));
  let pending = prepared.map((entry) => entry.write);
  const unprocessedError = (writes: WriteRequest[], attempts: number, cause?: unknown) => {
    const unprocessed = writes.map((write) => {
      const raw = write.PutRequest?.Item ?? write.DeleteRequest?.Key ?? {};
      return bySignature.get(keySignature(definition, raw))?.request ?? write;
    });
    const error = new UnprocessedItemsError('batchWrite', unprocessed, attempts, tableName);
    if (cause !== undefined) error.cause = cause;
    return error;
  };
  for (let attempt = 1; pending.length > 0; attempt++) {
    const chunks = chunk(pending, BATCH_WRITE_LIMIT);
    const run = await runConcurrent(chunks, BATCH_CONCURRENCY, async (writes) => {
      try {
        const output = await target.client.send(
          new BatchWriteItemCommand({ RequestItems: { [tableName]: writes } }),
        );
        return output.UnprocessedItems?.[tableName] ?? [];
      } catch (error) {
        if (THROTTLING_ERRORS.has(errorName(error) ?? '')) return writes;
        throw error;
      }
    });
    // Not known to be written: what finished chunks left unprocessed, the failed chunk and every
    // chunk that never started.
    pending = chunks.flatMap((writes, index) =>
      run.done[index] ? (run.results[index] ?? []) : writes,
    );
    if (run.failure) {
      throw unprocessedError(pending, attempt, translateCommonError(run.failure.error, target));
    }
    if (pending.length === 0) return;
    if (attempt >= retry.maxAttempts) throw unprocessedError(pending, attempt);
    await sleep(backoffDelay(attempt, retry));
  }
}
