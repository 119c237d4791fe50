import type {
  DeclaredEventHandler,
  EventHandlerDeclaration,
  EventPattern,
} from '@davinci/event-bus';
import type { Duration } from 'aws-cdk-lib';
import type { AddFunctionOptions } from '../functions/function-options.js';

/**
 * A function subscribed to events on the application's bus. Give exactly one of `eventType`,
 * `eventTypes` or `pattern`.
 */
export interface AddEventHandlerOptions extends AddFunctionOptions {
  /**
   * The handler's own declaration: the export of `defineEventHandler` (`@davinci/event-bus`), or
   * its `declaration`. The subscription, the tables and `idempotency` are read from it, so they
   * are written once, beside the handler's code, and the deployment cannot disagree with the
   * runtime. Giving `eventType`, `eventTypes`, `pattern`, `tables` or `idempotency` as well is an
   * error. Without `handler`, the export is taken to be named like the declaration.
   * @default none — give the subscription, tables and idempotency here instead
   */
  readonly declaration?: DeclaredEventHandler | EventHandlerDeclaration;
  /**
   * The event type to handle: `'user.created'`, or a prefix wildcard such as `'user.*'`.
   * @default none — give `eventTypes` or `pattern` instead
   */
  readonly eventType?: string;
  /**
   * Several event types (each may be a `prefix.*` wildcard); an event matching any of them is handled.
   * @default none — give `eventType` or `pattern` instead
   */
  readonly eventTypes?: readonly string[];
  /**
   * A full EventBridge event pattern (object or JSON string), for filters on `source`, `detail`, ….
   * @default none — give `eventType` or `eventTypes` instead
   */
  readonly pattern?: EventPattern | string;
  /**
   * Set it when the handler's code uses `createEventHandler({ idempotency: true })`: grants
   * read-write on the application's idempotency table (created with the first handler that sets
   * it) and sets its `DAVINCI_TABLE_DAVINCI_IDEMPOTENCY` variable. Handlers without it get neither.
   * @default false
   */
  readonly idempotency?: boolean;
  /**
   * Move events the function failed on `maxReceiveCount` times, and events the rule could not
   * deliver to the queue, to a dead-letter queue (with a CloudWatch alarm on its depth).
   * @default true
   */
  readonly deadLetterQueue?: boolean;
  /**
   * Receives (attempts) before a message moves to the dead-letter queue (1–1000).
   * @default 3
   */
  readonly maxReceiveCount?: number;
  /**
   * How long the handler's queue keeps a message that was never handled (1 minute – 14 days).
   * @default Duration.days(4), as SQS
   */
  readonly queueRetention?: Duration;
  /**
   * How long the dead-letter queue keeps messages (1 minute – 14 days), at least `queueRetention`.
   * A message moved to a dead-letter queue keeps its original enqueue time, so a shorter
   * retention there would delete redriven messages as soon as they arrive.
   * @default Duration.days(14)
   */
  readonly deadLetterRetention?: Duration;
  /**
   * Messages per invocation (1–10, or up to 10000 with a `maxBatchingWindow`).
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * How long to gather messages before invoking (0–300 seconds).
   * @default no batching window
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Most concurrent invocations the queue may drive (2–1000).
   * @default no limit beyond the account's concurrency
   */
  readonly maxConcurrency?: number;
}
