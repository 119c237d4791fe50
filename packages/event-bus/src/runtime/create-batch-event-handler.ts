import { performance } from 'node:perf_hooks';
import { resolveHandlerName } from './create-event-handler.js';
import {
  type DetailOf,
  type DetailSchema,
  type EventEnvelope,
  parseRecordBody,
} from './envelope.js';
import {
  isFifoRecord,
  type LambdaContext,
  receiveCountOf,
  type SqsBatchHandler,
  type SqsRecord,
} from './lambda-types.js';
import { describeError, jsonLineLogger, poisonLogEntry, type RuntimeLogger } from './logger.js';

/** The second argument of a batch handler. */
export interface BatchHandlerContext {
  readonly handlerName: string;
  readonly lambdaContext: LambdaContext | undefined;
  /** Marks one event as failed: every record that carried it returns to the queue. */
  fail(event: EventEnvelope<unknown> | string, reason?: string): void;
}

/**
 * Handles every valid event of a batch at once. Report failures with `context.fail(event)` or by
 * returning the failed events (or their ids); throwing fails the whole batch.
 */
export type BatchEventHandlerFunction<TDetail> = (
  events: EventEnvelope<TDetail>[],
  context: BatchHandlerContext,
) => BatchHandlerResult | Promise<BatchHandlerResult>;

/** What a batch handler may return: nothing, or the events (or ids) that failed. */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` lets handlers that return nothing (and async ones) fit.
export type BatchHandlerResult = void | readonly (EventEnvelope<unknown> | string)[];

/** A batch handler with options. Only `handler` is required. */
export interface CreateBatchEventHandlerOptions<S extends DetailSchema | undefined = undefined> {
  readonly handler: BatchEventHandlerFunction<DetailOf<S>>;
  /** Checks each record's `detail`; records that fail it are poison and never reach the handler. */
  readonly schema?: S;
  /** Name used in logs. Default: the Lambda function's name, else the function's own name. */
  readonly name?: string;
  /** Where per-record log entries go. Default: JSON lines on stdout/stderr. */
  readonly logger?: RuntimeLogger;
}

/**
 * A Lambda handler for SQS batches that hands all valid events to one call. Poison records are
 * still reported and failed one by one. For FIFO queues the handler receives the events up to the
 * first poison record, and every record after the first failed one is returned as failed so the
 * queue redelivers them in order.
 */
export function createBatchEventHandler<S extends DetailSchema | undefined = undefined>(
  handlerOrOptions: BatchEventHandlerFunction<DetailOf<S>> | CreateBatchEventHandlerOptions<S>,
): SqsBatchHandler {
  const options: CreateBatchEventHandlerOptions<S> =
    typeof handlerOrOptions === 'function' ? { handler: handlerOrOptions } : handlerOrOptions;
  const logger = options.logger ?? jsonLineLogger;

  return async (event, lambdaContext) => {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 1000) / 1000;
    const handlerName = resolveHandlerName(options.name, lambdaContext, options.handler);
    const fifo = event.Records.some(isFifoRecord);
    const failed = new Set<string>();
    const valid: { record: SqsRecord; envelope: EventEnvelope<DetailOf<S>> }[] = [];
    let notAttempted: readonly SqsRecord[] = [];

    for (const [index, record] of event.Records.entries()) {
      const parsed = parseRecordBody<DetailOf<S>>(record.body, options.schema);
      if (parsed.ok) {
        valid.push({ record, envelope: parsed.envelope });
        continue;
      }
      failed.add(record.messageId);
      logger.log(poisonLogEntry(handlerName, record, parsed, 0));
      if (fifo) {
        notAttempted = event.Records.slice(index + 1);
        break;
      }
    }

    const failedEvents = new Map<string, string | undefined>();
    let thrown: unknown;
    if (valid.length > 0) {
      const context: BatchHandlerContext = {
        handlerName,
        lambdaContext,
        fail: (failedEvent, reason) => {
          failedEvents.set(typeof failedEvent === 'string' ? failedEvent : failedEvent.id, reason);
        },
      };
      try {
        const returned = await options.handler(
          valid.map((item) => item.envelope),
          context,
        );
        for (const item of returned ?? []) context.fail(item);
      } catch (error) {
        thrown = error;
      }
    }

    const known = new Set(valid.map((item) => item.envelope.id));
    for (const id of failedEvents.keys()) {
      if (!known.has(id)) {
        logger.log({
          level: 'warn',
          message: 'the handler reported a failure for an event that is not in this batch; ignored',
          handler: handlerName,
          outcome: 'failed',
          messageId: '',
          eventId: id,
          durationMs: elapsed(),
        });
      }
    }

    let orderBroken = false;
    for (const { record, envelope } of valid) {
      const reportedFailure = failedEvents.has(envelope.id);
      const ok = thrown === undefined && !reportedFailure && !orderBroken;
      const ids = {
        handler: handlerName,
        messageId: record.messageId,
        receiveCount: receiveCountOf(record),
        eventId: envelope.id,
        eventType: envelope['detail-type'],
      };
      if (ok) {
        logger.log({
          level: 'info',
          message: 'handled',
          ...ids,
          outcome: 'success',
          durationMs: elapsed(),
        });
        continue;
      }
      failed.add(record.messageId);
      if (thrown !== undefined) {
        logger.log({
          level: 'error',
          message: 'batch handler failed',
          ...ids,
          outcome: 'failed',
          durationMs: elapsed(),
          error: describeError(thrown),
        });
      } else if (reportedFailure) {
        const reason = failedEvents.get(envelope.id);
        logger.log({
          level: 'error',
          message: 'the handler reported this event as failed',
          ...ids,
          outcome: 'failed',
          durationMs: elapsed(),
          ...(reason ? { reason } : {}),
        });
      } else {
        logger.log({
          level: 'warn',
          message: 'returned as failed to keep FIFO order: an earlier event of this batch failed',
          ...ids,
          outcome: 'not-attempted',
          durationMs: elapsed(),
        });
      }
      if (fifo) orderBroken = true;
    }
    for (const record of notAttempted) {
      failed.add(record.messageId);
      logger.log({
        level: 'warn',
        message: 'not attempted: an earlier record of this FIFO batch is poison',
        handler: handlerName,
        outcome: 'not-attempted',
        messageId: record.messageId,
        receiveCount: receiveCountOf(record),
        durationMs: 0,
      });
    }

    return {
      batchItemFailures: event.Records.filter((record) => failed.has(record.messageId)).map(
        (record) => ({
          itemIdentifier: record.messageId,
        }),
      ),
    };
  };
}
