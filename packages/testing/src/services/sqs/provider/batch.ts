import { ServiceError } from '../../../edge/service-error.js';
import { sqsErrors } from '../errors.js';
import { SQS_LIMITS } from '../limits.js';
import type { ApiInput, ApiOutput } from '../protocol/wire.js';
import { batchEntries } from './input.js';

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** A batch entry that failed, in AWS's `BatchResultErrorEntry` shape. */
export interface BatchFailure {
  readonly Id: string;
  readonly SenderFault: boolean;
  readonly Code: string;
  readonly Message: string;
}

/**
 * The rules every batch API shares — 1 to 10 entries, ids of letters, digits, `-` and `_`, each
 * id once — then runs `each` per entry: an entry that throws becomes a `Failed` entry, the rest
 * succeed, and the answer lists both.
 */
export function runBatch(
  input: ApiInput,
  each: (entry: ApiInput, id: string) => ApiOutput,
): { Successful: ApiOutput[]; Failed: BatchFailure[] } {
  const entries = batchEntries(input);
  if (entries.length === 0) throw sqsErrors.emptyBatchRequest();
  if (entries.length > SQS_LIMITS.maximumBatchEntries) {
    throw sqsErrors.tooManyEntriesInBatchRequest(entries.length);
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = entry.Id;
    if (typeof id !== 'string' || !ENTRY_ID.test(id)) throw sqsErrors.invalidBatchEntryId();
    if (seen.has(id)) throw sqsErrors.batchEntryIdsNotDistinct(id);
    seen.add(id);
  }
  const Successful: ApiOutput[] = [];
  const Failed: BatchFailure[] = [];
  for (const entry of entries) {
    const id = entry.Id as string;
    try {
      Successful.push({ Id: id, ...each(entry, id) });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      Failed.push({
        Id: id,
        SenderFault: error.fault === 'Sender',
        Code: error.code,
        Message: error.message,
      });
    }
  }
  return { Successful, Failed };
}
