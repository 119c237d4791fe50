/** Who an email goes from and to, and what it says: what SendEmail takes and the outbox keeps. */
export interface EmailContent {
  /** `FromEmailAddress` as sent (a raw message's `From` header when it had none). */
  readonly from: string;
  /** `Destination.ToAddresses` (a raw message's `To` header when it had no destination). */
  readonly to: readonly string[];
  /** `Destination.CcAddresses`. */
  readonly cc: readonly string[];
  /** `Destination.BccAddresses`. */
  readonly bcc: readonly string[];
  /** The subject of simple content, or a raw message's `Subject` header. */
  readonly subject?: string;
  /** The text body of simple content. */
  readonly text?: string;
  /** The HTML body of simple content. */
  readonly html?: string;
  /** The whole MIME message of raw content, decoded from its base64. */
  readonly raw?: string;
}

/** One email SendEmail accepted, as `sandbox.ses.messages()` returns it. */
export interface SentEmail extends EmailContent {
  /** The `MessageId` SendEmail answered. */
  readonly messageId: string;
  /** When it was sent, on the sandbox clock. */
  readonly sentAt: Date;
}

/** What SES answers by default for a recipient that `refuse()` turned away. */
export const DEFAULT_REFUSAL = 'Address blacklisted.';

/** The emails sent, in send order, and the recipients SendEmail refuses. */
export class Outbox {
  #messages: SentEmail[] = [];
  readonly #refused = new Map<string, string>();

  record(message: SentEmail): void {
    this.#messages.push(message);
  }

  messages(): readonly SentEmail[] {
    return [...this.#messages];
  }

  /** Forgets every message, or only those `keep` says no to. */
  clear(keep?: (message: SentEmail) => boolean): void {
    this.#messages = keep ? this.#messages.filter(keep) : [];
  }

  refuse(address: string, reason: string): void {
    this.#refused.set(address.toLowerCase(), reason);
  }

  accept(address: string): void {
    this.#refused.delete(address.toLowerCase());
  }

  /** Why SendEmail turns this (bare) address away, or undefined when it does not. */
  refusalOf(address: string): string | undefined {
    return this.#refused.get(address.toLowerCase());
  }
}
