import { SQS_LIMITS } from '../limits.js';
import { md5OfMessageAttributes } from '../models/md5.js';
import type { MessageAttributes, StoredMessage } from '../models/message.js';
import type { Queue, ReceivedMessage } from '../models/queue.js';
import type { ApiOutput } from '../protocol/wire.js';
import type { Operation, SqsContext } from './context.js';
import { optionalInteger, optionalStringList } from './input.js';
import { queueOf } from './queue-lookup.js';

/**
 * ReceiveMessage: up to MaxNumberOfMessages (1–10) messages. With WaitTimeSeconds (or the
 * queue's ReceiveMessageWaitTimeSeconds) above zero it long-polls: it answers as soon as a
 * message can be received — a send, a delay or visibility timeout ending, a FIFO group freed —
 * or empty when the wait is over.
 */
export const receiveMessage: Operation = async (context, input) => {
  const queue = queueOf(context, input);
  const maxMessages =
    optionalInteger(input, 'MaxNumberOfMessages', 1, SQS_LIMITS.maximumMessagesPerReceive) ?? 1;
  const visibilityTimeoutSeconds = optionalInteger(
    input,
    'VisibilityTimeout',
    0,
    SQS_LIMITS.maximumVisibilityTimeoutSeconds,
  );
  const waitSeconds =
    optionalInteger(input, 'WaitTimeSeconds', 0, SQS_LIMITS.maximumWaitTimeSeconds) ??
    queue.receiveWaitTimeSeconds;
  const systemAttributeNames = [
    ...optionalStringList(input, 'AttributeNames'),
    ...optionalStringList(input, 'MessageSystemAttributeNames'),
  ];
  const messageAttributeNames = optionalStringList(input, 'MessageAttributeNames');

  const received = await receiveWithinWait(context, queue, waitSeconds * 1000, () =>
    queue.receive({
      maxMessages,
      visibilityTimeoutSeconds,
      resolveQueue: (arn) => context.registry.byArn(arn),
    }),
  );
  if (received.length === 0) return {};
  return {
    Messages: received.map((item) =>
      renderMessage(item, systemAttributeNames, messageAttributeNames),
    ),
  };
};

async function receiveWithinWait(
  context: SqsContext,
  queue: Queue,
  waitMs: number,
  attempt: () => ReceivedMessage[],
): Promise<ReceivedMessage[]> {
  const deadline = context.clock.now() + waitMs;
  for (;;) {
    const received = attempt();
    if (received.length > 0 || queue.deleted || context.closing.aborted) return received;
    const now = context.clock.now();
    if (now >= deadline) return received;
    const wakeUp = queue.nextWakeUp();
    await sleepUntilChange(context, queue, Math.min(deadline, wakeUp ?? deadline) - now);
  }
}

/** Sleeps on the sandbox clock until `ms` pass, the queue changes, or the service closes. */
async function sleepUntilChange(context: SqsContext, queue: Queue, ms: number): Promise<void> {
  const wake = new AbortController();
  const abort = () => wake.abort();
  const unsubscribe = queue.onChange(abort);
  context.closing.addEventListener('abort', abort, { once: true });
  try {
    await context.clock.sleep(Math.max(ms, 0), wake.signal);
  } catch {
    // Woken early: the caller looks at the queue again.
  } finally {
    unsubscribe();
    context.closing.removeEventListener('abort', abort);
  }
}

const SYSTEM_ATTRIBUTES: Readonly<Record<string, (message: StoredMessage) => string | undefined>> =
  {
    SenderId: (message) => message.senderId,
    SentTimestamp: (message) => String(message.sentTimestamp),
    ApproximateReceiveCount: (message) => String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: (message) =>
      message.firstReceiveTimestamp === undefined
        ? undefined
        : String(message.firstReceiveTimestamp),
    SequenceNumber: (message) => message.sequenceNumber,
    MessageDeduplicationId: (message) => message.messageDeduplicationId,
    MessageGroupId: (message) => message.messageGroupId,
    AWSTraceHeader: (message) => message.systemAttributes.AWSTraceHeader?.StringValue,
    DeadLetterQueueSourceArn: (message) => message.deadLetterQueueSourceArn,
  };

function renderMessage(
  { message, receiptHandle }: ReceivedMessage,
  systemAttributeNames: readonly string[],
  messageAttributeNames: readonly string[],
): ApiOutput {
  const wantsAll = systemAttributeNames.includes('All');
  const Attributes: Record<string, string> = {};
  for (const [name, read] of Object.entries(SYSTEM_ATTRIBUTES)) {
    if (!wantsAll && !systemAttributeNames.includes(name)) continue;
    const value = read(message);
    if (value !== undefined) Attributes[name] = value;
  }
  const selected = selectMessageAttributes(message.messageAttributes, messageAttributeNames);
  const md5 = md5OfMessageAttributes(selected);
  return {
    MessageId: message.messageId,
    ReceiptHandle: receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(Attributes).length > 0 ? { Attributes } : {}),
    ...(md5 ? { MD5OfMessageAttributes: md5, MessageAttributes: wireAttributes(selected) } : {}),
  };
}

/** `All` or `.*` selects every attribute, `prefix.*` those under a prefix, else exact names. */
function selectMessageAttributes(
  attributes: MessageAttributes,
  names: readonly string[],
): MessageAttributes {
  const matches = (name: string) =>
    names.some((pattern) => {
      if (pattern === 'All' || pattern === '.*') return true;
      if (pattern.endsWith('.*')) return name.startsWith(pattern.slice(0, -1));
      return pattern === name;
    });
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => matches(name)));
}

function wireAttributes(attributes: MessageAttributes): Record<string, ApiOutput> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        DataType: value.DataType,
        ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined
          ? { BinaryValue: value.BinaryValue.toString('base64') }
          : {}),
      },
    ]),
  );
}
