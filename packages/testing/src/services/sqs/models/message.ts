/** One message attribute, as SendMessage takes it and ReceiveMessage returns it. */
export interface MessageAttributeValue {
  /** `String`, `Number` or `Binary`, optionally with a custom label (`Number.float`). */
  readonly DataType: string;
  readonly StringValue?: string;
  /** Raw bytes (base64 on the wire). */
  readonly BinaryValue?: Buffer;
}

export type MessageAttributes = Readonly<Record<string, MessageAttributeValue>>;

/** A message as the queue stores it. Mutable fields track its life between receives. */
export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes: MessageAttributes;
  /** Only `AWSTraceHeader` exists today. */
  readonly systemAttributes: MessageAttributes;
  readonly md5OfMessageAttributes?: string;
  readonly md5OfMessageSystemAttributes?: string;
  readonly senderId: string;
  /** Clock milliseconds at which the message was first enqueued (kept across a DLQ move). */
  sentTimestamp: number;
  /** Clock milliseconds before which a delayed message is not receivable. */
  delayedUntil: number;
  /** Clock milliseconds until which a received message stays invisible (0: never received). */
  invisibleUntil: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** Clock milliseconds of the latest receive (a message stays in flight 12 h at most). */
  lastReceiveTimestamp?: number;
  /** Nonce of the latest receive; a receipt handle is valid only for the latest one. */
  receiptNonce?: string;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
  readonly sequenceNumber?: string;
  /** ARN of the queue this message was redriven from. */
  deadLetterQueueSourceArn?: string;
}
