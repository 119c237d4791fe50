export {
  type BatchEventHandlerFunction,
  type BatchEventHandlerOptions,
  type BatchHandlerContext,
  type BatchHandlerResult,
  createBatchEventHandler,
} from './create-batch-event-handler.js';
export { createEventHandler, type EventHandlerOptions } from './create-event-handler.js';
export {
  type DetailOf,
  type DetailSchema,
  type EventEnvelope,
  type PoisonReason,
  parseRecordBody,
} from './envelope.js';
export { InvalidHandlerOptionError, TooManyTransactionOperationsError } from './errors.js';
export {
  type HandlerContext,
  MAX_TRANSACTION_OPERATIONS,
  TransactionWrites,
} from './handler-context.js';
export type {
  LambdaContext,
  SqsBatchHandler,
  SqsBatchResponse,
  SqsEvent,
  SqsRecord,
} from './lambda-types.js';
export {
  jsonLineLogger,
  type LoggedError,
  type RecordLogEntry,
  type RecordOutcome,
  type RuntimeLogger,
} from './logger.js';
export { DEFAULT_CONCURRENCY, type Processing } from './process-batch.js';
export type { EventHandlerFunction, RunResult } from './record-runner.js';
