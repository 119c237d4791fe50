import { retryAfterConflict } from './conflict-retry.js';
import type { EventEnvelope } from './envelope.js';
import { type HandlerContext, runAfterCommit, TransactionWrites } from './handler-context.js';
import { type LambdaContext, receiveCountOf, type SqsRecord } from './lambda-types.js';

/** A function that handles one event. */
export type EventHandlerFunction<TDetail> = (
  event: EventEnvelope<TDetail>,
  context: HandlerContext,
) => unknown;

/** One record, unwrapped, ready to be handled. */
export interface RecordRun<TDetail> {
  readonly envelope: EventEnvelope<TDetail>;
  readonly record: SqsRecord;
  readonly lambdaContext: LambdaContext | undefined;
  readonly handlerName: string;
  /** How often the handler runs again when its commit loses to a concurrent write (see `conflictRetries`). */
  readonly conflictRetries: number;
  /** Reports an `afterCommit` callback that threw (the record still succeeds). */
  readonly afterCommitFailed: (error: unknown) => void;
}

/** `success`: handled now. `duplicate`: this handler had already handled the event. */
export type RunResult = 'success' | 'duplicate';

/** Runs a handler for one record; throws when the handler (or its commit) fails. */
export interface RecordRunner {
  run<TDetail>(run: RecordRun<TDetail>, handler: EventHandlerFunction<TDetail>): Promise<RunResult>;
}

/** Builds the context a handler receives. */
export function handlerContext(
  run: RecordRun<unknown>,
  transaction: TransactionWrites,
): HandlerContext {
  return {
    handlerName: run.handlerName,
    lambdaContext: run.lambdaContext,
    record: run.record,
    receiveCount: receiveCountOf(run.record),
    transaction,
  };
}

/** Runs the handler, then commits the writes it registered (if any) in one transaction. */
export const plainRunner: RecordRunner = {
  async run(run, handler) {
    for (let attempt = 1; ; attempt++) {
      const transaction = new TransactionWrites();
      await handler(run.envelope, handlerContext(run, transaction));
      if (transaction.operations.length > 0) {
        const { transactWrite } = await import('@davinci/orm');
        try {
          await transactWrite([...transaction.operations]);
        } catch (error) {
          if (!(await retryAfterConflict(error, attempt, run.conflictRetries))) throw error;
          continue;
        }
      }
      const reported = runAfterCommit(transaction, run.afterCommitFailed);
      if (reported) await reported;
      return 'success';
    }
  },
};
