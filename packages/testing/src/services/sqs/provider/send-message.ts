import { sqsErrors } from '../errors.js';
import { SQS_LIMITS } from '../limits.js';
import type { EnqueueResult } from '../models/queue.js';
import type { ApiOutput } from '../protocol/wire.js';
import { runBatch } from './batch.js';
import type { Operation } from './context.js';
import { batchEntries } from './input.js';
import { messageSize, readNewMessage } from './message-input.js';
import { queueOf } from './queue-lookup.js';

export const sendMessage: Operation = (context, input) => {
  const queue = queueOf(context, input);
  const result = queue.enqueue(readNewMessage(queue, input, context.registry.accountId));
  return sendResult(result);
};

/**
 * SendMessageBatch: up to 10 entries whose sizes add up to at most 256 KiB (else the whole
 * request fails, as in AWS); each entry is validated on its own and fails on its own.
 */
export const sendMessageBatch: Operation = (context, input) => {
  const queue = queueOf(context, input);
  let total = 0;
  for (const entry of batchEntries(input)) {
    const body = typeof entry.MessageBody === 'string' ? entry.MessageBody : '';
    total += messageSize(body, {});
    total += attributeBytes(entry.MessageAttributes);
  }
  // A queue allowing bigger messages than 256 KiB allows a batch of that size too.
  const limit = Math.max(SQS_LIMITS.maximumBatchPayloadBytes, queue.maximumMessageSize);
  if (total > limit) throw sqsErrors.batchRequestTooLong(limit);
  return runBatch(input, (entry) =>
    sendResult(queue.enqueue(readNewMessage(queue, entry, context.registry.accountId))),
  );
};

function sendResult(result: EnqueueResult): ApiOutput {
  return {
    MessageId: result.messageId,
    MD5OfMessageBody: result.md5OfBody,
    ...(result.md5OfMessageAttributes
      ? { MD5OfMessageAttributes: result.md5OfMessageAttributes }
      : {}),
    ...(result.md5OfMessageSystemAttributes
      ? { MD5OfMessageSystemAttributes: result.md5OfMessageSystemAttributes }
      : {}),
    ...(result.sequenceNumber ? { SequenceNumber: result.sequenceNumber } : {}),
  };
}

/** Rough byte count of raw (not yet validated) attributes, for the batch size check. */
function attributeBytes(raw: unknown): number {
  if (typeof raw !== 'object' || raw === null) return 0;
  let bytes = 0;
  for (const [name, value] of Object.entries(raw)) {
    bytes += Buffer.byteLength(name, 'utf8');
    if (typeof value !== 'object' || value === null) continue;
    const { DataType, StringValue, BinaryValue } = value as Record<string, unknown>;
    if (typeof DataType === 'string') bytes += Buffer.byteLength(DataType, 'utf8');
    if (typeof StringValue === 'string') bytes += Buffer.byteLength(StringValue, 'utf8');
    if (typeof BinaryValue === 'string') bytes += Buffer.from(BinaryValue, 'base64').length;
  }
  return bytes;
}
