import { randomUUID } from 'node:crypto';
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SqsBatchHandler, SqsRecord } from '@davinci/event-bus';

export interface QueueConsumerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly handler: SqsBatchHandler;
  /** Shown to the handler as the Lambda function's name. */
  readonly functionName: string;
  /** Messages per invocation, as an event source mapping's batch size. Default: 10. */
  readonly batchSize?: number;
  /** Invocation timeout the handler sees in `getRemainingTimeInMillis`. Default: 30 s. */
  readonly timeoutMs?: number;
}

export interface QueueConsumer {
  /** Invocations so far (for tests that wait for quiet). */
  readonly invocations: number;
  stop(): Promise<void>;
}

/**
 * Polls one queue and hands its messages to a handler the way Lambda's SQS event source mapping
 * does with `ReportBatchItemFailures`: a batch per invocation, the records the handler reports
 * failed stay on the queue (and reach the DLQ after the queue's maxReceiveCount), the rest are
 * deleted.
 */
export function startQueueConsumer(options: QueueConsumerOptions): QueueConsumer {
  const abort = new AbortController();
  let invocations = 0;
  const loop = (async () => {
    let failuresInARow = 0;
    while (!abort.signal.aborted) {
      let messages: Message[];
      try {
        const received = await options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: options.batchSize ?? 10,
            WaitTimeSeconds: 20,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        messages = received.Messages ?? [];
        if (messages.length > 0) {
          invocations += 1;
          await invoke(options, messages);
        }
        failuresInARow = 0;
      } catch (error) {
        if (abort.signal.aborted) return;
        // Like an event source mapping, keep polling through errors, backing off; the messages
        // stay on the queue meanwhile, so nothing is lost.
        failuresInARow += 1;
        const delayMs = Math.min(5_000, 100 * 2 ** failuresInARow);
        console.error(
          `${options.functionName}: polling ${options.queueUrl} failed (${describe(error)}); retrying in ${delayMs} ms`,
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  })();
  return {
    get invocations() {
      return invocations;
    },
    async stop() {
      abort.abort();
      await loop;
    },
  };
}

async function invoke(options: QueueConsumerOptions, messages: Message[]): Promise<void> {
  const records: SqsRecord[] = messages.map((message) => ({
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
      ...(message.Attributes?.MessageGroupId && {
        MessageGroupId: message.Attributes.MessageGroupId,
      }),
    },
    messageAttributes: message.MessageAttributes ?? {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: options.queueArn,
    awsRegion: options.queueArn.split(':')[3] ?? 'us-east-1',
  }));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let failed: Set<string>;
  try {
    const response = await options.handler(
      { Records: records },
      {
        functionName: options.functionName,
        awsRequestId: randomUUID(),
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      },
    );
    failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
  } catch {
    // A thrown invocation fails the whole batch: every message returns to the queue.
    return;
  }
  const done = messages.filter((message) => !failed.has(message.MessageId ?? ''));
  if (done.length === 0) return;
  const deleted = await options.sqs.send(
    new DeleteMessageBatchCommand({
      QueueUrl: options.queueUrl,
      Entries: done.map((message, index) => ({
        Id: String(index),
        ReceiptHandle: message.ReceiptHandle ?? '',
      })),
    }),
  );
  // A message that could not be deleted comes back after its visibility timeout and is handled
  // again — which the idempotent handlers absorb; say so rather than hide it.
  for (const failure of deleted.Failed ?? []) {
    console.error(
      `${options.functionName}: could not delete a handled message (${failure.Code}: ${failure.Message}); it will be delivered again`,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
