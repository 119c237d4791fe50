import { sandboxApi } from '../deploy/sandbox-api.js';
import type { Sandbox } from '../sandbox.js';

/** A message `readMessages` read from a queue. */
export interface ReadMessage {
  readonly messageId: string;
  readonly body: string;
  /** How many times it has been received, this read included. */
  readonly receiveCount: number;
  /** The message's attributes, by name (their string or base64 binary value). */
  readonly messageAttributes: Readonly<Record<string, string>>;
}

/** Options of {@link readMessages}. */
export interface ReadMessagesOptions {
  /** Stop once this many messages are read. Default: 1. */
  readonly count?: number;
  /** Milliseconds of real time to wait for them. Default: 5 000. */
  readonly timeout?: number;
  /**
   * Delete what was read. Default: false, so the messages stay in the queue, visible at once
   * (their receive count still goes up, as with any receive).
   */
  readonly remove?: boolean;
}

interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<string, { StringValue?: string; BinaryValue?: string }>;
}

/**
 * Reads messages from a queue of the sandbox by name: a dead-letter queue's poison messages, what
 * a rule sent. Returns as soon as `count` arrived, or what arrived when `timeout` passed.
 *
 * ```ts
 * const [poison] = await readMessages(sandbox, 'orders-dlq');
 * ```
 */
export async function readMessages(
  sandbox: Pick<Sandbox, 'endpoint' | 'region'>,
  queueName: string,
  options: ReadMessagesOptions = {},
): Promise<ReadMessage[]> {
  const count = options.count ?? 1;
  const deadline = Date.now() + (options.timeout ?? 5_000);
  const api = sandboxApi(sandbox.endpoint, sandbox.region);
  const { QueueUrl } = await api.call('sqs', 'GetQueueUrl', { QueueName: queueName });
  const received: ReceivedMessage[] = [];
  while (received.length < count) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const { Messages = [] } = (await api.call('sqs', 'ReceiveMessage', {
      QueueUrl,
      MaxNumberOfMessages: Math.min(10, count - received.length),
      WaitTimeSeconds: Math.min(20, Math.max(0, Math.floor(left / 1000))),
      // Hidden while the read goes on, so a message is not read twice.
      VisibilityTimeout: 60,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      MessageAttributeNames: ['All'],
    })) as { Messages?: ReceivedMessage[] };
    received.push(...Messages);
  }
  for (let start = 0; start < received.length; start += 10) {
    const entries = received.slice(start, start + 10).map((message, index) => ({
      Id: String(index),
      ReceiptHandle: message.ReceiptHandle,
    }));
    if (options.remove) {
      await api.call('sqs', 'DeleteMessageBatch', { QueueUrl, Entries: entries });
    } else {
      await api.call('sqs', 'ChangeMessageVisibilityBatch', {
        QueueUrl,
        Entries: entries.map((entry) => ({ ...entry, VisibilityTimeout: 0 })),
      });
    }
  }
  return received.map((message) => ({
    messageId: message.MessageId,
    body: message.Body,
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        value.StringValue ?? value.BinaryValue ?? '',
      ]),
    ),
  }));
}
