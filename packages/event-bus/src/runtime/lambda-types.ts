/**
 * The Lambda shapes the runtime reads, declared here so the package's public types need no
 * `@types/aws-lambda`. They are structural subsets: AWS's `SQSEvent` and `Context` fit them.
 */

/** One SQS message as Lambda's SQS event source hands it over. */
export interface SqsRecord {
  readonly messageId: string;
  readonly receiptHandle?: string;
  /** For queues fed by EventBridge rules: the EventBridge event as JSON. */
  readonly body: string;
  readonly attributes?: {
    readonly ApproximateReceiveCount?: string;
    readonly MessageGroupId?: string;
    readonly SequenceNumber?: string;
  };
  readonly messageAttributes?: Readonly<Record<string, unknown>>;
  readonly md5OfBody?: string;
  readonly eventSource?: string;
  /** The queue's ARN; FIFO queues' ARNs end in `.fifo`. */
  readonly eventSourceARN: string;
  readonly awsRegion?: string;
}

/** The event Lambda passes to a function subscribed to an SQS queue. */
export interface SqsEvent {
  readonly Records: readonly SqsRecord[];
}

/** A partial batch response: only the listed messages return to the queue. */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** The parts of Lambda's invocation context the runtime uses. */
export interface LambdaContext {
  readonly functionName: string;
  readonly awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

/** What `createEventHandler` returns: hand it to Lambda as the function's handler. */
export type SqsBatchHandler = (
  event: SqsEvent,
  context?: LambdaContext,
) => Promise<SqsBatchResponse>;

/** FIFO queues' ARNs end in `.fifo`; their batches must be processed in order. */
export const isFifoRecord = (record: SqsRecord): boolean => record.eventSourceARN.endsWith('.fifo');

/** How often SQS has delivered the message (`ApproximateReceiveCount`); 1 when not reported. */
export const receiveCountOf = (record: SqsRecord): number =>
  Number(record.attributes?.ApproximateReceiveCount ?? '1') || 1;
