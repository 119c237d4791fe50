// The package's public API, listed name by name: nothing is exported by accident. Invalid events
// throw `@davinci/orm`'s `ValidationError`; resource discovery lives in `@davinci/orm/discovery`.

// Errors
export { DavinciEventBusError, type EventBusErrorCode } from './errors.js';
// Events
export {
  type CreateEventOptions,
  defineEvent,
  type EventBodyOf,
  type EventBodySchema,
  type EventDefinition,
} from './events/define-event.js';
export {
  Event,
  type EventBody,
  type EventProps,
  type NextEventOptions,
  type ReceivedEvent,
} from './events/event.js';
export { isEventType, MAX_EVENT_TYPE_LENGTH } from './events/event-type.js';
export type { EventMetadata } from './events/metadata.js';
export { IdempotencyInProgressError } from './idempotency/errors.js';
// Idempotency
export { IdempotencyTable } from './idempotency/idempotency-table.js';
export {
  DEFAULT_IDEMPOTENCY_TTL_SECONDS,
  type IdempotencyOptions,
} from './idempotency/idempotent-runner.js';
// Event patterns
export {
  compileEventPattern,
  matchesEventPattern,
  validateEventPattern,
} from './pattern/compile.js';
export { InvalidEventPatternError } from './pattern/errors.js';
export { type EventSubscription, toEventPattern } from './pattern/to-event-pattern.js';
export type {
  EventMatcher,
  EventPattern,
  EventPatternInput,
  EventPatternOperator,
  EventPatternValue,
  JsonLeaf,
} from './pattern/types.js';
// Publishing
export type { PublishRetryOptions } from './publisher/backoff.js';
export { MAX_ENTRIES_PER_REQUEST } from './publisher/entry-size.js';
export {
  EntryTooLargeError,
  EventBusNotConfiguredError,
  type FailedEntry,
  type OversizedEntry,
  PublishError,
  type PublishedEntry,
} from './publisher/errors.js';
export { EventPublisher, type EventPublisherProps } from './publisher/event-publisher.js';
// Handlers
export {
  type BatchEventHandlerFunction,
  type BatchHandlerContext,
  type BatchHandlerResult,
  type CreateBatchEventHandlerOptions,
  createBatchEventHandler,
} from './runtime/create-batch-event-handler.js';
export {
  type CreateEventHandlerOptions,
  createEventHandler,
} from './runtime/create-event-handler.js';
export {
  type DeclaredEventHandler,
  type DefineEventHandlerOptions,
  defineEventHandler,
  type EventHandlerDeclaration,
  isDeclaredEventHandler,
  type TableAccess,
} from './runtime/define-event-handler.js';
export type {
  DetailOf,
  DetailSchema,
  EventEnvelope,
  PoisonReason,
} from './runtime/envelope.js';
export { InvalidHandlerOptionError, TooManyTransactionOperationsError } from './runtime/errors.js';
export {
  type HandlerContext,
  MAX_TRANSACTION_OPERATIONS,
  type TransactionWrites,
} from './runtime/handler-context.js';
export type {
  LambdaContext,
  SqsBatchHandler,
  SqsBatchResponse,
  SqsEvent,
  SqsRecord,
} from './runtime/lambda-types.js';
export {
  jsonLineLogger,
  type LoggedError,
  type RecordLogEntry,
  type RecordOutcome,
  type RuntimeLogger,
} from './runtime/logger.js';
export { DEFAULT_CONCURRENCY, type Processing } from './runtime/process-batch.js';
export type { EventHandlerFunction, RunResult } from './runtime/record-runner.js';
