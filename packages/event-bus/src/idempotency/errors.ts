import { DavinciEventBusError } from '../errors.js';

/**
 * Another delivery of the same event is running this handler now. The record fails, so SQS
 * delivers it again after its visibility timeout, when that delivery has committed (and this one
 * is skipped) or has failed (and this one runs).
 */
export class IdempotencyInProgressError extends DavinciEventBusError {
  readonly code = 'IDEMPOTENCY_IN_PROGRESS' as const;
  override get name(): 'IdempotencyInProgressError' {
    return 'IdempotencyInProgressError';
  }
  constructor(
    /** The handler's name. */
    readonly handlerName: string,
    /** The EventBridge event id. */
    readonly eventId: string,
    /** Until when the other delivery holds the event. */
    readonly leaseExpiresAt: Date,
  ) {
    super(
      `${handlerName} is already handling event ${eventId} in another delivery (its lease runs until ${leaseExpiresAt.toISOString()}); this delivery fails so that SQS retries it`,
    );
  }
}
