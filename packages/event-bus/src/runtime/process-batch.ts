import { isFifoRecord, type SqsBatchResponse, type SqsRecord } from './lambda-types.js';

/** How the records of one batch are scheduled. */
export type Processing = 'parallel' | 'sequential';

/**
 * Runs `processRecord` over a batch and collects the failed message ids. FIFO batches run in order
 * and stop at the first failure: that record and every later one are returned as failed, so the
 * queue redelivers them in their original order. `onNotAttempted` hears about the records skipped.
 */
export async function processBatch(
  records: readonly SqsRecord[],
  processing: Processing,
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
  } else if (processing === 'sequential') {
    for (const record of records) {
      if (!(await processRecord(record))) failed.push(record.messageId);
    }
  } else {
    const results = await Promise.all(records.map((record) => processRecord(record)));
    results.forEach((ok, index) => {
      const record = records[index];
      if (!ok && record) failed.push(record.messageId);
    });
  }
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}
