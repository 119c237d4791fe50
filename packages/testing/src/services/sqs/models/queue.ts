import { randomUUID } from 'node:crypto';
import type { SandboxClock } from '../../../clock.js';
import { sqsErrors } from '../errors.js';
import { SQS_LIMITS } from '../limits.js';
import { dictionaryOf } from '../protocol/records.js';
import { DeduplicationCache } from './deduplication.js';
import { md5OfBody, md5OfMessageAttributes } from './md5.js';
import type { MessageAttributes, StoredMessage } from './message.js';
import { type QueueLocation, queueArn } from './names.js';
import { parseRedrivePolicy, type RedrivePolicy } from './queue-attributes.js';
import { decodeReceiptHandle, encodeReceiptHandle } from './receipt-handle.js';

/** A message to enqueue, already validated. */
export interface NewMessage {
  readonly body: string;
  readonly messageAttributes?: MessageAttributes;
  readonly systemAttributes?: MessageAttributes;
  /** Per-message delay; the queue's DelaySeconds applies when absent. */
  readonly delaySeconds?: number;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
  readonly senderId: string;
}

/** The outcome of a send: a new message, or the earlier one a FIFO deduplication matched. */
export interface EnqueueResult {
  readonly messageId: string;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes?: string;
  readonly md5OfMessageSystemAttributes?: string;
  readonly sequenceNumber?: string;
}

/** One message handed to a consumer, with the receipt handle of this receive. */
export interface ReceivedMessage {
  readonly message: StoredMessage;
  readonly receiptHandle: string;
}

export interface ReceiveOptions {
  readonly maxMessages: number;
  readonly visibilityTimeoutSeconds?: number;
  /** Finds the dead-letter queue a redrive policy names. */
  readonly resolveQueue: (arn: string) => Queue | undefined;
}

export interface QueueCounts {
  readonly visible: number;
  readonly notVisible: number;
  readonly delayed: number;
}

/**
 * One queue and its messages. Time is never tracked by timers: every operation reads the clock
 * and derives what is visible, delayed, in flight or expired; long polls wait on `changed`.
 */
export class Queue {
  readonly arn: string;
  readonly fifo: boolean;
  /** Seconds since the epoch, on the sandbox clock. */
  readonly createdTimestamp: number;
  lastModifiedTimestamp: number;
  readonly tags = new Map<string, string>();
  deleted = false;

  #attributes: Record<string, string>;
  #messages: StoredMessage[] = [];
  readonly #deduplication = new DeduplicationCache();
  readonly #listeners = new Set<() => void>();
  #sequence: bigint;

  constructor(
    readonly location: QueueLocation,
    attributes: Record<string, string>,
    private readonly clock: SandboxClock,
  ) {
    this.arn = queueArn(location);
    this.fifo = attributes.FifoQueue === 'true';
    this.#attributes = dictionaryOf(Object.entries(attributes));
    this.createdTimestamp = Math.floor(clock.now() / 1000);
    this.lastModifiedTimestamp = this.createdTimestamp;
    this.#sequence = BigInt(clock.now()) * 1_000_000n;
  }

  get name(): string {
    return this.location.name;
  }

  /** The caller-settable attributes, normalised. */
  get attributes(): Readonly<Record<string, string>> {
    return this.#attributes;
  }

  setAttributes(values: Readonly<Record<string, string>>): void {
    for (const [name, value] of Object.entries(values)) {
      if (value === '') delete this.#attributes[name];
      else this.#attributes[name] = value;
    }
    this.lastModifiedTimestamp = Math.floor(this.clock.now() / 1000);
  }

  #number(name: string, fallback: number): number {
    const value = this.#attributes[name];
    return value === undefined ? fallback : Number(value);
  }

  get visibilityTimeoutSeconds(): number {
    return this.#number('VisibilityTimeout', SQS_LIMITS.defaultVisibilityTimeoutSeconds);
  }
  get delaySeconds(): number {
    return this.#number('DelaySeconds', 0);
  }
  get maximumMessageSize(): number {
    return this.#number('MaximumMessageSize', SQS_LIMITS.defaultMaximumMessageSizeBytes);
  }
  get retentionSeconds(): number {
    return this.#number('MessageRetentionPeriod', SQS_LIMITS.defaultRetentionSeconds);
  }
  get receiveWaitTimeSeconds(): number {
    return this.#number('ReceiveMessageWaitTimeSeconds', 0);
  }
  get contentBasedDeduplication(): boolean {
    return this.#attributes.ContentBasedDeduplication === 'true';
  }
  get redrivePolicy(): RedrivePolicy | undefined {
    const value = this.#attributes.RedrivePolicy;
    return value ? parseRedrivePolicy(value) : undefined;
  }

  /** Enqueues a validated message (FIFO: unless its deduplication id was seen within 5 min). */
  enqueue(input: NewMessage): EnqueueResult {
    const now = this.clock.now();
    const messageAttributes = input.messageAttributes ?? {};
    const systemAttributes = input.systemAttributes ?? {};
    const checksums = {
      md5OfBody: md5OfBody(input.body),
      md5OfMessageAttributes: md5OfMessageAttributes(messageAttributes),
      md5OfMessageSystemAttributes: md5OfMessageAttributes(systemAttributes),
    };
    let deduplicationKey: string | undefined;
    if (this.fifo && input.messageDeduplicationId !== undefined) {
      deduplicationKey =
        this.#attributes.DeduplicationScope === 'messageGroup'
          ? `${input.messageGroupId ?? ''}\n${input.messageDeduplicationId}`
          : input.messageDeduplicationId;
      const earlier = this.#deduplication.find(deduplicationKey, now);
      if (earlier) return { ...checksums, ...earlier };
    }
    const sequenceNumber = this.fifo ? this.#nextSequenceNumber() : undefined;
    const message: StoredMessage = {
      messageId: randomUUID(),
      body: input.body,
      messageAttributes,
      systemAttributes,
      ...checksums,
      senderId: input.senderId,
      sentTimestamp: now,
      delayedUntil: now + (input.delaySeconds ?? this.delaySeconds) * 1000,
      invisibleUntil: 0,
      receiveCount: 0,
      messageGroupId: input.messageGroupId,
      messageDeduplicationId: input.messageDeduplicationId,
      sequenceNumber,
    };
    this.#messages.push(message);
    if (deduplicationKey !== undefined) {
      this.#deduplication.remember(
        deduplicationKey,
        { messageId: message.messageId, sequenceNumber },
        now,
      );
    }
    this.#notify();
    return { ...checksums, messageId: message.messageId, sequenceNumber };
  }

  /** Takes a message redriven from another queue, keeping its id and receive count. */
  adoptDeadLetter(message: StoredMessage, sourceArn: string): void {
    const now = this.clock.now();
    this.#messages.push({
      ...message,
      // FIFO dead-letter queues restart the retention clock; standard ones keep the original.
      sentTimestamp: this.fifo ? now : message.sentTimestamp,
      delayedUntil: now,
      invisibleUntil: 0,
      receiptNonce: undefined,
      deadLetterQueueSourceArn: sourceArn,
    });
    this.#notify();
  }

  /**
   * Takes up to `limit` visible messages out of the queue, oldest first (a move task's step). It
   * stops at the first message `movable` says no to and returns that one, which stays.
   */
  takeVisible(
    limit: number,
    movable: (message: StoredMessage) => boolean,
  ): { taken: StoredMessage[]; refused?: StoredMessage } {
    const now = this.clock.now();
    this.#expire(now);
    const taken = new Set<StoredMessage>();
    let refused: StoredMessage | undefined;
    for (const message of this.#messages) {
      if (taken.size >= limit) break;
      if (!isVisible(message, now)) continue;
      if (!movable(message)) {
        refused = message;
        break;
      }
      taken.add(message);
    }
    if (taken.size > 0) this.#messages = this.#messages.filter((message) => !taken.has(message));
    return { taken: [...taken], ...(refused && { refused }) };
  }

  /**
   * Takes a message a move task brought here from a dead-letter queue: its id, body, attributes
   * and group stay; it is visible at once and counts as never received.
   */
  adoptMoved(message: StoredMessage): void {
    const now = this.clock.now();
    this.#messages.push({
      ...message,
      delayedUntil: now,
      invisibleUntil: 0,
      receiveCount: 0,
      firstReceiveTimestamp: undefined,
      lastReceiveTimestamp: undefined,
      receiptNonce: undefined,
      deadLetterQueueSourceArn: undefined,
    });
    this.#notify();
  }

  /**
   * Hands out up to `maxMessages` visible messages and hides them for the visibility timeout.
   * Messages received `maxReceiveCount` times already move to the dead-letter queue instead.
   * FIFO: a message group with a message in flight yields nothing until that one is deleted or
   * visible again, and each group is delivered in order.
   */
  receive(options: ReceiveOptions): ReceivedMessage[] {
    const now = this.clock.now();
    this.#expire(now);
    const redrive = this.redrivePolicy;
    const deadLetterQueue = redrive ? options.resolveQueue(redrive.deadLetterTargetArn) : undefined;
    const visibilityMs = (options.visibilityTimeoutSeconds ?? this.visibilityTimeoutSeconds) * 1000;
    const blockedGroups = new Set<string>();
    if (this.fifo) {
      for (const message of this.#messages) {
        if (isInFlight(message, now) && message.messageGroupId !== undefined) {
          blockedGroups.add(message.messageGroupId);
        }
      }
    }
    const received: ReceivedMessage[] = [];
    const redriven: StoredMessage[] = [];
    for (const message of this.#messages) {
      if (received.length >= options.maxMessages) break;
      const group = message.messageGroupId;
      if (this.fifo && group !== undefined && blockedGroups.has(group)) continue;
      if (!isVisible(message, now)) {
        // A later message of a FIFO group must not overtake an earlier, still delayed one.
        if (this.fifo && group !== undefined) blockedGroups.add(group);
        continue;
      }
      if (redrive && deadLetterQueue && message.receiveCount >= redrive.maxReceiveCount) {
        redriven.push(message);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
      message.lastReceiveTimestamp = now;
      message.invisibleUntil = now + visibilityMs;
      message.receiptNonce = randomUUID();
      received.push({
        message,
        receiptHandle: encodeReceiptHandle({
          queueArn: this.arn,
          messageId: message.messageId,
          nonce: message.receiptNonce,
        }),
      });
    }
    if (redriven.length > 0 && deadLetterQueue) {
      const moved = new Set(redriven);
      this.#messages = this.#messages.filter((message) => !moved.has(message));
      for (const message of redriven) deadLetterQueue.adoptDeadLetter(message, this.arn);
    }
    return received;
  }

  /**
   * Deletes the message a receipt handle belongs to. A handle from an earlier receive of a
   * message received again since then deletes nothing, and the call still succeeds (as AWS
   * documents); so does deleting a message that is already gone.
   */
  deleteMessage(receiptHandle: string): void {
    const parts = this.#decodeHandle(receiptHandle);
    const index = this.#messages.findIndex((message) => message.messageId === parts.messageId);
    const message = this.#messages[index];
    if (!message || message.receiptNonce !== parts.nonce) return;
    this.#messages.splice(index, 1);
    // Deleting the in-flight head of a FIFO group unblocks the group.
    if (this.fifo) this.#notify();
  }

  /** Resets a received message's visibility timeout, counted from now. */
  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void {
    const parts = this.#decodeHandle(receiptHandle);
    const now = this.clock.now();
    const message = this.#messages.find((candidate) => candidate.messageId === parts.messageId);
    if (!message || message.receiptNonce !== parts.nonce) {
      throw sqsErrors.invalidParameter(
        'ReceiptHandle',
        receiptHandle,
        'Message does not exist or is not available for visibility timeout change.',
      );
    }
    if (!isInFlight(message, now)) throw sqsErrors.messageNotInflight();
    const inFlightSeconds = Math.floor((now - (message.lastReceiveTimestamp ?? now)) / 1000);
    if (inFlightSeconds + visibilityTimeoutSeconds > SQS_LIMITS.maximumVisibilityTimeoutSeconds) {
      throw sqsErrors.invalidParameter(
        'VisibilityTimeout',
        visibilityTimeoutSeconds,
        'Total VisibilityTimeout for the message is beyond the limit [43200 seconds]',
      );
    }
    message.invisibleUntil = now + visibilityTimeoutSeconds * 1000;
    if (visibilityTimeoutSeconds === 0) this.#notify();
  }

  /** Removes every message, in flight or not. */
  purge(): void {
    this.#messages = [];
  }

  counts(): QueueCounts {
    const now = this.clock.now();
    this.#expire(now);
    let visible = 0;
    let notVisible = 0;
    let delayed = 0;
    for (const message of this.#messages) {
      if (message.delayedUntil > now) delayed += 1;
      else if (message.invisibleUntil > now) notVisible += 1;
      else visible += 1;
    }
    return { visible, notVisible, delayed };
  }

  /** Clock time of the next delay or visibility timeout to end, if any. */
  nextWakeUp(): number | undefined {
    const now = this.clock.now();
    let next: number | undefined;
    for (const message of this.#messages) {
      for (const at of [message.delayedUntil, message.invisibleUntil]) {
        if (at > now && (next === undefined || at < next)) next = at;
      }
    }
    return next;
  }

  /** Calls `listener` whenever a message may have become receivable; returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Marks the queue deleted and wakes its long polls so that they return. */
  markDeleted(): void {
    this.deleted = true;
    this.#messages = [];
    this.#deduplication.clear();
    this.#notify();
  }

  #decodeHandle(receiptHandle: string) {
    const parts = decodeReceiptHandle(receiptHandle);
    if (!parts || parts.queueArn !== this.arn)
      throw sqsErrors.receiptHandleIsInvalid(receiptHandle);
    return parts;
  }

  #expire(now: number): void {
    const retentionMs = this.retentionSeconds * 1000;
    if (this.#messages.some((message) => message.sentTimestamp + retentionMs <= now)) {
      this.#messages = this.#messages.filter(
        (message) => message.sentTimestamp + retentionMs > now,
      );
    }
  }

  #nextSequenceNumber(): string {
    this.#sequence += 1n;
    return this.#sequence.toString().padStart(20, '0');
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

const isInFlight = (message: StoredMessage, now: number): boolean =>
  message.receiveCount > 0 && message.invisibleUntil > now;

const isVisible = (message: StoredMessage, now: number): boolean =>
  message.delayedUntil <= now && message.invisibleUntil <= now;
