import { ValidationError } from '@davinci/orm';

/**
 * Dot notation: one or more segments of letters, digits, `_` or `-`, joined by single dots
 * (`user.created`, `order.payment-failed`). Wildcards belong to subscriptions, never to events.
 */
const EVENT_TYPE_FORMAT = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

/** EventBridge accepts longer detail types, but a type this long is a mistake, not a name. */
export const MAX_EVENT_TYPE_LENGTH = 256;

/** Throws a `ValidationError` naming `eventType` when the value is not a dot-notation type. */
export function assertEventType(eventType: unknown): asserts eventType is string {
  if (typeof eventType !== 'string') {
    throw new ValidationError([
      { path: 'eventType', rule: 'type', message: `expected a string, got ${typeof eventType}` },
    ]);
  }
  if (eventType.length > MAX_EVENT_TYPE_LENGTH) {
    throw new ValidationError(
      [
        {
          path: 'eventType',
          rule: 'maxLength',
          message: `at most ${MAX_EVENT_TYPE_LENGTH} characters, got ${eventType.length}`,
        },
      ],
      { eventType: eventType.slice(0, 40) },
    );
  }
  if (!EVENT_TYPE_FORMAT.test(eventType)) {
    throw new ValidationError([
      {
        path: 'eventType',
        rule: 'format',
        message: `"${eventType}" is not dot notation: segments of letters, digits, "_" or "-" joined by single dots (e.g. "user.created")`,
      },
    ]);
  }
}

/** `true` when `eventType` is a valid dot-notation event type. */
export function isEventType(eventType: unknown): eventType is string {
  return (
    typeof eventType === 'string' &&
    eventType.length <= MAX_EVENT_TYPE_LENGTH &&
    EVENT_TYPE_FORMAT.test(eventType)
  );
}
