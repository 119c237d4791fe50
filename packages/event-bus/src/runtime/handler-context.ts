import type { TransactWriteOperation } from '@davinci/orm';
import { TooManyTransactionOperationsError } from './errors.js';
import type { LambdaContext, SqsRecord } from './lambda-types.js';

/** The most operations one DynamoDB transaction takes. */
export const MAX_TRANSACTION_OPERATIONS = 100;

/**
 * DynamoDB writes a handler registers instead of sending them itself. They are committed in one
 * transaction after the handler returns — together with the idempotency marker when the handler
 * is idempotent — so either all of them apply or none does.
 */
export class TransactionWrites {
  readonly #operations: TransactWriteOperation[] = [];
  readonly #capacity: number;

  constructor(capacity = MAX_TRANSACTION_OPERATIONS) {
    this.#capacity = capacity;
  }

  /** Registers operations made with `table.transaction.put/update/delete/conditionCheck`. */
  add(...operations: TransactWriteOperation[]): void {
    if (this.#operations.length + operations.length > this.#capacity) {
      throw new TooManyTransactionOperationsError(
        this.#capacity,
        this.#operations.length + operations.length,
      );
    }
    this.#operations.push(...operations);
  }

  /**
   * Runs `callback` once the registered writes have committed (at once when there are none), so a
   * handler reports only what really happened: `transaction.afterCommit(() => log(total))`. Not
   * run when the event was already processed, nor when the commit fails. A callback that throws
   * is logged and does not fail the record: its writes stand, and a retry would apply them again.
   */
  afterCommit(callback: () => unknown): void {
    const callbacks = afterCommitCallbacks.get(this);
    if (callbacks) callbacks.push(callback);
    else afterCommitCallbacks.set(this, [callback]);
  }

  get operations(): readonly TransactWriteOperation[] {
    return this.#operations;
  }
}

// Kept beside the class rather than on it, so that only the runtime can fire them.
const afterCommitCallbacks = new WeakMap<TransactionWrites, Array<() => unknown>>();

/**
 * Runs the `afterCommit` callbacks of a committed transaction, in registration order; undefined
 * when there are none, so handlers without callbacks finish without an extra turn.
 */
export function runAfterCommit(
  transaction: TransactionWrites,
  failed: (error: unknown) => void,
): Promise<void> | undefined {
  const callbacks = afterCommitCallbacks.get(transaction);
  return callbacks && runCallbacks(callbacks, failed);
}

async function runCallbacks(
  callbacks: readonly (() => unknown)[],
  failed: (error: unknown) => void,
): Promise<void> {
  for (const callback of callbacks) {
    try {
      await callback();
    } catch (error) {
      failed(error);
    }
  }
}

/** The second argument of every event handler. */
export interface HandlerContext {
  /** The handler's name, as logged and as used in idempotency keys. */
  readonly handlerName: string;
  /** Lambda's invocation context; `undefined` when called outside Lambda (tests). */
  readonly lambdaContext: LambdaContext | undefined;
  /** The SQS message that carried the event. */
  readonly record: SqsRecord;
  /** How often SQS has delivered this message (1 on the first delivery). */
  readonly receiveCount: number;
  /** DynamoDB writes to commit atomically when the handler returns. */
  readonly transaction: TransactionWrites;
}
