import { performance } from 'node:perf_hooks';
import { requireIdempotencyName } from '../idempotency/idempotency-name.js';
import type { IdempotencyOptions } from '../idempotency/idempotent-runner.js';
import { type DetailOf, type DetailSchema, parseRecordBody } from './envelope.js';
import { InvalidHandlerOptionError } from './errors.js';
import {
  type LambdaContext,
  receiveCountOf,
  type SqsBatchHandler,
  type SqsRecord,
} from './lambda-types.js';
import { describeError, jsonLineLogger, poisonLogEntry, type RuntimeLogger } from './logger.js';
import { DEFAULT_CONCURRENCY, type Processing, processBatch } from './process-batch.js';
import { type EventHandlerFunction, plainRunner, type RecordRunner } from './record-runner.js';

/** A handler with options. Only `handler` is required. */
export interface CreateEventHandlerOptions<S extends DetailSchema | undefined = undefined> {
  /** Called once per event; throw to fail the record (it returns to the queue). */
  readonly handler: EventHandlerFunction<DetailOf<S>>;
  /**
   * Checks `detail` before the handler runs: a zod schema or a `defineEvent` definition (which
   * also checks `detail-type`). A record that fails it is poison. Default: no check.
   */
  readonly schema?: S;
  /**
   * Apply each event at most once per handler: its registered writes and a processed marker
   * commit in one transaction, and later deliveries of the same EventBridge event are skipped.
   * Default: off.
   */
  readonly idempotency?: boolean | IdempotencyOptions;
  /**
   * Name used in logs and idempotency keys. Required when `idempotency` is on (unique per
   * handler, without `#`). Otherwise the default is the Lambda function's name, else the
   * function's own name.
   */
  readonly name?: string;
  /** `parallel` (default) or `sequential`. FIFO queues are always sequential and stop at the first failure. */
  readonly processing?: Processing;
  /**
   * In `parallel` mode, the most records handled at once; the rest wait for a free slot. Bounds
   * connections and memory for large batches (up to 10,000 records with a batching window).
   * A positive integer. Default: 10.
   */
  readonly concurrency?: number;
  /** Where per-record log entries go. Default: JSON lines on stdout/stderr. */
  readonly logger?: RuntimeLogger;
  /**
   * How often to run the handler again, on fresh reads, when its transaction is cancelled because
   * a concurrent write won: a `TransactionConflict`, or one of its own conditions no longer
   * holding. This makes optimistic writes ("set the total to 5 if it is still 4") cheap under
   * contention; after the last attempt the record fails and SQS redelivers it. A non-negative
   * integer. Default: 0.
   */
  readonly conflictRetries?: number;
}

/**
 * Turns an event handler into a Lambda handler for SQS queues fed by EventBridge rules. Each
 * record is unwrapped to its EventBridge envelope and handed to `handler`; the result is a
 * partial batch response, so only failed and poison records return to the queue (and, after the
 * queue's `maxReceiveCount`, to its dead-letter queue).
 *
 * @example
 * export const handler = createEventHandler(async (event) => {
 *   await sendWelcomeEmail(event.detail.email);
 * });
 */
export function createEventHandler<S extends DetailSchema | undefined = undefined>(
  handlerOrOptions: EventHandlerFunction<DetailOf<S>> | CreateEventHandlerOptions<S>,
): SqsBatchHandler {
  const options: CreateEventHandlerOptions<S> =
    typeof handlerOrOptions === 'function' ? { handler: handlerOrOptions } : handlerOrOptions;
  const logger = options.logger ?? jsonLineLogger;
  const processing = options.processing ?? 'parallel';
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InvalidHandlerOptionError('concurrency', 'must be a positive integer', concurrency);
  }
  const conflictRetries = options.conflictRetries ?? 0;
  if (!Number.isInteger(conflictRetries) || conflictRetries < 0) {
    throw new InvalidHandlerOptionError(
      'conflictRetries',
      'must be a non-negative integer',
      conflictRetries,
    );
  }
  const idempotency = options.idempotency;
  if (idempotency) requireIdempotencyName(options.name);
  // Loaded on first use: handlers without idempotency never load the DynamoDB client.
  let runner: Promise<RecordRunner> | undefined;
  const loadRunner = (): Promise<RecordRunner> => {
    runner ??= idempotency
      ? import('../idempotency/idempotent-runner.js').then(({ idempotentRunner }) =>
          idempotentRunner(idempotency === true ? {} : idempotency),
        )
      : Promise.resolve(plainRunner);
    return runner;
  };

  return async (event, lambdaContext) => {
    const handlerName = resolveHandlerName(options.name, lambdaContext, options.handler);
    const processRecord = async (record: SqsRecord): Promise<boolean> => {
      const started = performance.now();
      const elapsed = () => Math.round((performance.now() - started) * 1000) / 1000;
      const parsed = parseRecordBody<DetailOf<S>>(record.body, options.schema);
      if (!parsed.ok) {
        logger.log(poisonLogEntry(handlerName, record, parsed, elapsed()));
        return false;
      }
      const ids = {
        handler: handlerName,
        messageId: record.messageId,
        receiveCount: receiveCountOf(record),
        eventId: parsed.envelope.id,
        eventType: parsed.envelope['detail-type'],
      };
      try {
        const result = await (await loadRunner()).run(
          {
            envelope: parsed.envelope,
            record,
            lambdaContext,
            handlerName,
            conflictRetries,
            afterCommitFailed: (error) =>
              logger.log({
                level: 'warn',
                message: 'committed; an afterCommit callback failed',
                ...ids,
                outcome: 'success',
                durationMs: elapsed(),
                error: describeError(error),
              }),
          },
          options.handler,
        );
        logger.log({
          level: 'info',
          message: result === 'duplicate' ? 'already processed; skipped' : 'handled',
          ...ids,
          outcome: result,
          durationMs: elapsed(),
        });
        return true;
      } catch (error) {
        logger.log({
          level: 'error',
          message: 'handler failed; the record returns to the queue',
          ...ids,
          outcome: 'failed',
          durationMs: elapsed(),
          error: describeError(error),
        });
        return false;
      }
    };
    return processBatch(event.Records, { processing, concurrency }, processRecord, (record) =>
      logger.log({
        level: 'warn',
        message: 'not attempted: an earlier record of this FIFO batch failed',
        handler: handlerName,
        outcome: 'not-attempted',
        messageId: record.messageId,
        receiveCount: receiveCountOf(record),
        durationMs: 0,
      }),
    );
  };
}

export function resolveHandlerName(
  explicit: string | undefined,
  lambdaContext: LambdaContext | undefined,
  fn: { name: string },
): string {
  return explicit || lambdaContext?.functionName || fn.name || 'handler';
}
