/** The `code` of every error this package throws; callers branch on it instead of messages. */
export type EventBusErrorCode =
  | 'INVALID_EVENT_PATTERN'
  | 'PUBLISH_FAILED'
  | 'ENTRY_TOO_LARGE'
  | 'EVENT_BUS_NOT_CONFIGURED'
  | 'TOO_MANY_TRANSACTION_OPERATIONS'
  | 'INVALID_HANDLER_OPTION'
  | 'IDEMPOTENCY_IN_PROGRESS';

/**
 * Base of every error this package throws, with a stable `code`. Invalid events are the one
 * exception: they throw `@davinci/orm`'s `ValidationError`, the framework's single class for
 * refused input.
 */
export abstract class DavinciEventBusError extends Error {
  abstract readonly code: EventBusErrorCode;
  /**
   * A fixed class name, written out in each class: minifiers rename classes, so
   * `constructor.name` would log a bundled handler's `PublishError` as `"i"`. A getter on the
   * prototype, so the stack header ("PublishError: …") shows it too.
   */
  override get name(): string {
    return 'DavinciEventBusError';
  }
}
