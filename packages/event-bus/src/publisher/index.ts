export { backoffDelayMs, RETRYABLE_ERROR_CODES, type RetryOptions } from './backoff.js';
export { type BatchLimits, packFirstFit, packIntoRequests } from './batching.js';
export {
  MAX_ENTRIES_PER_REQUEST,
  MAX_REQUEST_SIZE_BYTES,
  putEventsEntrySize,
} from './entry-size.js';
export {
  EntryTooLargeError,
  EventBusNotConfiguredError,
  type FailedEntry,
  type OversizedEntry,
  PublishError,
  type PublishedEntry,
} from './errors.js';
export { EventPublisher, type EventPublisherProps } from './event-publisher.js';
export { EVENT_BUS_LOGICAL_NAME, resolveEventBusName, resolveEventSource } from './resources.js';
