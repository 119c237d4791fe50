import { TransactionCanceledError } from '@davinci/orm';

/**
 * Whether a cancelled commit is worth running the handler again for, and waits before that run.
 * Only a lost race qualifies: a concurrent transaction on the same item (`TransactionConflict`)
 * or one of the handler's own conditions no longer holding (`ConditionalCheckFailed`), which is
 * how optimistic writes — "set total to 5 if it is still 4" — learn that someone wrote first.
 * The next run reads fresh state; the wait grows with each attempt and is jittered, so writers
 * that collided do not collide again in step.
 */
export async function retryAfterConflict(
  error: unknown,
  attempt: number,
  retries: number,
  ignoreIndex?: number,
): Promise<boolean> {
  if (attempt > retries || !(error instanceof TransactionCanceledError)) return false;
  const lostRace = error.reasons.some(
    (reason) =>
      reason.index !== ignoreIndex &&
      (reason.code === 'TransactionConflict' || reason.code === 'ConditionalCheckFailed'),
  );
  if (!lostRace) return false;
  const ceiling = Math.min(200, 10 * 2 ** (attempt - 1));
  await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  return true;
}
