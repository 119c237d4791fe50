import { isFifoRecord, type SqsBatchResponse, type SqsRecord } from './lambda-types.js';

/** How the records of one batch are scheduled. */
export type Processing = 'parallel' | 'sequential';

/**
 * Records in flight at once when processing in parallel. A batch may hold up to 10,000 records
 * (with a batching window); running them all at once would exhaust connections and memory.
 */
export const DEFAULT_CONCURRENCY = 10;

/** How `processBatch` schedules a batch. */
export interface BatchScheduling {
  readonly processing: Processing;
  /** Most records in flight at once in parallel mode. */
  readonly concurrency: number;
}

/**
 * Runs `processRecord` over a batch and collects the failed message ids, in batch order. FIFO
 * batches run in order and stop at the first failure: that record and every later one are
 * returned as failed, so the queue redelivers them in their original order. `onNotAttempted`
 * hears about the records skipped.
 */
export async function processBatch(
  records: readonly SqsRecord[],
  scheduling: BatchScheduling,
  processRecord: (record: SqsRecord) => Promise<boolean>,
  onNotAttempted: (record: SqsRecord) => void,
): Promise<SqsBatchResponse> {
  const failed: string[] = [];
  if (records.some(isFifoRecord)) {
    for (const [index, record] of records.entries()) {
      if (await processRecord(record)) continue;
      for (const rest of records.slice(index + 1)) onNotAttempted(rest);
      failed.push(...records.slice(index).map((item) => item.messageId));
      break;
    }
  } else {
    const limit = scheduling.processing === 'sequential' ? 1 : scheduling.concurrency;
    const results = await mapWithConcurrency(records, limit, processRecord);
    results.forEach((ok, index) => {
      const record = records[index];
      if (!ok && record) failed.push(record.messageId);
    });
  }
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

/**
 * Maps `items` through `fn` with at most `limit` calls pending at once, starting them in order.
 * Results keep the input order.
 */
async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
