export {
  type CreateEventOptions,
  defineEvent,
  type EventBodyOf,
  type EventBodySchema,
  type EventDefinition,
} from './define-event.js';
export { DavinciEventBusError, ValidationError, type ValidationIssue } from './errors.js';
export {
  Event,
  type EventBody,
  type EventProps,
  type NextEventOptions,
  type ReceivedEvent,
} from './event.js';
export { assertEventType, isEventType, MAX_EVENT_TYPE_LENGTH } from './event-type.js';
export { type EventMetadata, METADATA_KEY, readMetadata } from './metadata.js';
