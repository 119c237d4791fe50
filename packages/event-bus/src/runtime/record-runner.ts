import type { EventEnvelope } from './envelope.js';
import { type HandlerContext, TransactionWrites } from './handler-context.js';
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
    const transaction = new TransactionWrites();
    await handler(run.envelope, handlerContext(run, transaction));
    if (transaction.operations.length > 0) {
      const { transactWrite } = await import('@davinci/orm');
      await transactWrite([...transaction.operations]);
    }
    return 'success';
  },
};
