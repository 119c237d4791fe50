import { SQS_LIMITS } from '../limits.js';

/** What a deduplicated send answers with: the message that was accepted first. */
export interface DeduplicatedSend {
  readonly messageId: string;
  readonly sequenceNumber?: string;
}

/**
 * FIFO deduplication: a message with a deduplication id seen in the last five minutes is accepted
 * but not enqueued again. Entries expire lazily, on the next look-up.
 */
export class DeduplicationCache {
  readonly #entries = new Map<string, DeduplicatedSend & { expiresAt: number }>();

  find(key: string, now: number): DeduplicatedSend | undefined {
    this.#prune(now);
    return this.#entries.get(key);
  }

  remember(key: string, send: DeduplicatedSend, now: number): void {
    this.#entries.set(key, {
      ...send,
      expiresAt: now + SQS_LIMITS.deduplicationWindowSeconds * 1000,
    });
  }

  clear(): void {
    this.#entries.clear();
  }

  #prune(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
  }
}
