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
  type RecordLogEntry,
  type RecordOutcome,
  type RuntimeLogger,
} from './logger.js';
export type { Processing } from './process-batch.js';
export type { EventHandlerFunction, RunResult } from './record-runner.js';
