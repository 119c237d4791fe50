import { DavinciEventBusError } from '../errors.js';

/**
 * A handler registered more writes than one DynamoDB transaction takes. Thrown by
 * `context.transaction.add(...)`, so the handler fails before anything is committed.
 */
export class TooManyTransactionOperationsError extends DavinciEventBusError {
  readonly code = 'TOO_MANY_TRANSACTION_OPERATIONS' as const;
  override get name(): 'TooManyTransactionOperationsError' {
    return 'TooManyTransactionOperationsError';
  }
  constructor(
    /** The most operations this handler may register. */
    readonly limit: number,
    /** How many it would have registered with the rejected call. */
    readonly attempted: number,
  ) {
    super(
      `a handler may register at most ${limit} transaction operations (DynamoDB's limit of 100, minus the idempotency marker when enabled); got ${attempted}. Split the work across events or write outside the transaction.`,
    );
  }
}

/** An option of `createEventHandler` / `createBatchEventHandler` has a value it cannot take. */
export class InvalidHandlerOptionError extends DavinciEventBusError {
  readonly code = 'INVALID_HANDLER_OPTION' as const;
  override get name(): 'InvalidHandlerOptionError' {
    return 'InvalidHandlerOptionError';
  }
  constructor(
    /** The option's name, e.g. `concurrency`. */
    readonly option: string,
    /** The rule the value broke, in words. */
    readonly rule: string,
    /** The value given. */
    readonly value: unknown,
  ) {
    super(`invalid handler option "${option}": ${rule} (got ${String(value)})`);
  }
}
