import { setMaxListeners } from 'node:events';
import type { SandboxApi } from '../../deploy/sandbox-api.js';
import type { InvocationResult } from './function-pool.js';

/** An SQS event source mapping, as the template configures it. */
export interface SqsMappingConfig {
  readonly queueArn: string;
  readonly queueUrl: string;
  readonly region: string;
  /** Records per invocation (1–10 000; above 10 needs a batching window). */
  readonly batchSize: number;
  /** How long to gather records before invoking with fewer than `batchSize`. */
  readonly batchingWindowSeconds: number;
  /** Batches in flight at once. */
  readonly maximumConcurrency: number;
  /** With `ReportBatchItemFailures`, only the records the handler names return to the queue. */
  readonly reportBatchItemFailures: boolean;
}

interface SqsMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body: string;
  MD5OfBody: string;
  MD5OfMessageAttributes?: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<
    string,
    { DataType: string; StringValue?: string; BinaryValue?: string }
  >;
}

/** One SQS record of a Lambda event, in AWS's shape. */
export function sqsRecord(message: SqsMessage, queueArn: string, region: string) {
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes: message.Attributes ?? {},
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        {
          ...(value.StringValue !== undefined && { stringValue: value.StringValue }),
          ...(value.BinaryValue !== undefined && { binaryValue: value.BinaryValue }),
          stringListValues: [],
          binaryListValues: [],
          dataType: value.DataType,
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody,
    ...(message.MD5OfMessageAttributes !== undefined && {
      md5OfMessageAttributes: message.MD5OfMessageAttributes,
    }),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/** How often a mapping that may not poll its queue checks again (real time). */
const PROBLEM_RETRY_MS = 250;

/**
 * Polls one queue for one function as Lambda's SQS poller does: long polls, batches of up to
 * `batchSize`, successes deleted, failures left to come back after the visibility timeout (and to
 * reach the dead-letter queue through the queue's redrive policy).
 */
export class SqsPoller {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  /** The problem last reported, so that each is logged once. */
  private reported: string | undefined;

  constructor(
    private readonly config: SqsMappingConfig,
    private readonly api: SandboxApi,
    private readonly invoke: (event: unknown) => Promise<InvocationResult>,
    private readonly log: (line: string) => void,
    /**
     * Why the mapping may not poll now (its function's role lacks a permission on the queue),
     * or undefined. Asked before every poll, so a redeploy that grants it lets polling resume.
     */
    private readonly problem: () => string | undefined = () => undefined,
  ) {
    // Every loop's requests listen on the one signal, a few listeners each.
    setMaxListeners(4 * config.maximumConcurrency + 10, this.abort.signal);
    for (let loop = 0; loop < config.maximumConcurrency; loop++) this.loops.push(this.run());
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.loops);
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      const problem = this.problem();
      if (problem !== this.reported) {
        this.reported = problem;
        if (problem !== undefined) {
          this.log(`event source mapping ${this.config.queueArn}: PROBLEM: ${problem}`);
        }
      }
      if (problem !== undefined) {
        // As Lambda: a mapping that may not read its queue fails, and is tried again later.
        await new Promise((resolve) => setTimeout(resolve, PROBLEM_RETRY_MS));
        continue;
      }
      try {
        const messages = await this.receiveBatch(signal);
        if (messages.length > 0) await this.handle(messages);
      } catch (error) {
        if (signal.aborted) return;
        this.log(`event source mapping ${this.config.queueArn}: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private async receiveBatch(signal: AbortSignal): Promise<SqsMessage[]> {
    const { batchSize, batchingWindowSeconds } = this.config;
    const messages: SqsMessage[] = [];
    const deadline = Date.now() + batchingWindowSeconds * 1000;
    do {
      const { Messages = [] } = (await this.api.call(
        'sqs',
        'ReceiveMessage',
        {
          QueueUrl: this.config.queueUrl,
          MaxNumberOfMessages: Math.min(10, batchSize - messages.length),
          WaitTimeSeconds: messages.length === 0 ? 20 : 0,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        },
        signal,
      )) as { Messages?: SqsMessage[] };
      messages.push(...Messages);
      if (Messages.length === 0 && messages.length > 0) break;
    } while (messages.length < batchSize && Date.now() < deadline && !signal.aborted);
    return messages;
  }

  private async handle(messages: readonly SqsMessage[]): Promise<void> {
    const { queueArn, region, reportBatchItemFailures } = this.config;
    const result = await this.invoke({
      Records: messages.map((message) => sqsRecord(message, queueArn, region)),
    });
    if (!result.ok) return; // the whole batch returns to the queue
    let keep = new Set<string>();
    if (reportBatchItemFailures) {
      const failures = (
        result.result as { batchItemFailures?: { itemIdentifier?: unknown }[] } | null
      )?.batchItemFailures;
      if (Array.isArray(failures)) {
        const ids = new Set(messages.map((message) => message.MessageId));
        const named = failures.map((failure) => failure?.itemIdentifier);
        // An identifier that names no record of the batch fails the whole batch, as in Lambda.
        if (named.some((id) => typeof id !== 'string' || !ids.has(id))) return;
        keep = new Set(named as string[]);
      }
    }
    const done = messages.filter((message) => !keep.has(message.MessageId));
    if (done.length === 0) return;
    await this.api.call('sqs', 'DeleteMessageBatch', {
      QueueUrl: this.config.queueUrl,
      Entries: done.map((message, index) => ({
        Id: String(index),
        ReceiptHandle: message.ReceiptHandle,
      })),
    });
  }
}
