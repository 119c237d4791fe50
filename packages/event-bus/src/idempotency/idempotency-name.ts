import { InvalidHandlerOptionError } from '../runtime/errors.js';

/** Separates the handler name from the EventBridge id in a marker's key. */
export const IDEMPOTENCY_KEY_SEPARATOR = '#';

/**
 * The name of an idempotent handler is half of every marker key, so it must be given and must not
 * clash with another handler's. A default cannot promise that: off Lambda every inline
 * `handler: async () => …` is named `handler`, and on Lambda the function name changes when the
 * function is renamed, which would make every stored marker unreachable.
 */
export function requireIdempotencyName(name: string | undefined): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new InvalidHandlerOptionError(
      'name',
      'is required when idempotency is on: it is part of every idempotency key, so give each idempotent handler its own name',
      name,
    );
  }
  if (name.includes(IDEMPOTENCY_KEY_SEPARATOR)) {
    throw new InvalidHandlerOptionError(
      'name',
      `must not contain "${IDEMPOTENCY_KEY_SEPARATOR}" when idempotency is on: it separates the name from the event id in idempotency keys`,
      name,
    );
  }
  return name;
}
