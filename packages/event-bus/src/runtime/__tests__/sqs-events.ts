import { createHash, randomUUID } from 'node:crypto';
import {
  EventBridgeSchema,
  SqsRecordSchema,
  SqsSchema,
} from '@aws-lambda-powertools/parser/schemas';
import type { Event } from '../../events/event.js';
import type { SqsEvent, SqsRecord } from '../lambda-types.js';
import type { RecordLogEntry, RuntimeLogger } from '../logger.js';

export const STANDARD_QUEUE_ARN =
  'arn:aws:sqs:us-east-1:000000000000:user-system-dev-handle-user-created';
export const FIFO_QUEUE_ARN = `${STANDARD_QUEUE_ARN}.fifo`;

/**
 * The EventBridge event a rule delivers for a published `Event` (as EventBridge builds it from
 * the PutEvents entry), checked against Powertools' schema of AWS's shape.
 */
export function eventBridgeEventFor(
  event: Event,
  overrides: { id?: string; source?: string } = {},
): Record<string, unknown> {
  const envelope = {
    version: '0',
    id: overrides.id ?? randomUUID(),
    'detail-type': event.eventType,
    source: overrides.source ?? 'user-system',
    account: '000000000000',
    time: event.created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: [],
    detail: JSON.parse(event.toDetail()) as unknown,
  };
  EventBridgeSchema.parse(envelope);
  return envelope;
}

let sequence = 0;

/** An SQS record as Lambda's event source mapping delivers it, checked against AWS's shape. */
export function sqsRecord(
  body: string,
  options: { fifo?: boolean; receiveCount?: number } = {},
): SqsRecord {
  sequence++;
  const now = String(Date.now());
  const record = {
    messageId: randomUUID(),
    receiptHandle: `AQEB${createHash('sha256').update(String(sequence)).digest('base64')}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: now,
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: now,
      ...(options.fifo
        ? {
            MessageGroupId: 'users',
            MessageDeduplicationId: createHash('sha256').update(body).digest('hex'),
            SequenceNumber: String(18_849_496_460_467_696_128n + BigInt(sequence)),
          }
        : {}),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: options.fifo ? FIFO_QUEUE_ARN : STANDARD_QUEUE_ARN,
    awsRegion: 'us-east-1',
  };
  SqsRecordSchema.parse(record);
  return record;
}

/** An SQS event carrying the given message bodies, checked against AWS's shape. */
export function sqsEvent(
  bodies: readonly string[],
  options: { fifo?: boolean; receiveCount?: number } = {},
): SqsEvent {
  const event = { Records: bodies.map((body) => sqsRecord(body, options)) };
  SqsSchema.parse(event);
  return event;
}

/** An SQS event whose records carry the given events, as a rule → queue target delivers them. */
export function sqsEventFor(
  events: readonly Event[],
  options: { fifo?: boolean; receiveCount?: number } = {},
): SqsEvent {
  return sqsEvent(
    events.map((event) => JSON.stringify(eventBridgeEventFor(event))),
    options,
  );
}

/** A logger that keeps what it is told. */
export function memoryLogger(): RuntimeLogger & { entries: RecordLogEntry[] } {
  const entries: RecordLogEntry[] = [];
  return { entries, log: (entry) => entries.push(entry) };
}

/** A fake invocation context like Lambda's. */
export const lambdaContext = (functionName = 'user-system-dev-handle-user-created') => ({
  functionName,
  awsRequestId: randomUUID(),
  getRemainingTimeInMillis: () => 30_000,
});
