import { DavinciEventBusError } from '../errors.js';

/** One event that was published: our id and the id EventBridge gave it. */
export interface PublishedEntry {
  readonly eventId: string;
  readonly eventType: string;
  /** The id EventBridge assigned; handlers see it as the envelope's `id`. */
  readonly eventBridgeId: string;
}

/** One event EventBridge did not accept, with the last error it reported. */
export interface FailedEntry {
  readonly eventId: string;
  readonly eventType: string;
  /** EventBridge's `ErrorCode` (e.g. `InternalFailure`, `InvalidArgument`) or the request error's name. */
  readonly errorCode: string;
  readonly errorMessage?: string;
  /** How many times the entry was sent. */
  readonly attempts: number;
}

/**
 * Some events were not published, even after retrying the retryable ones. Lists each of them;
 * `published` holds the ones that made it, so a caller can resubmit exactly the rest.
 */
export class PublishError extends DavinciEventBusError {
  readonly code = 'PUBLISH_FAILED' as const;
  override get name(): 'PublishError' {
    return 'PublishError';
  }
  constructor(
    readonly failed: readonly FailedEntry[],
    readonly published: readonly PublishedEntry[],
  ) {
    super(
      `${failed.length} of ${failed.length + published.length} event(s) were not published: ${failed
        .slice(0, 10)
        .map(
          (entry) =>
            `${entry.eventType} ${entry.eventId}: ${entry.errorCode}${entry.errorMessage ? ` (${entry.errorMessage})` : ''}`,
        )
        .join('; ')}${failed.length > 10 ? `; … ${failed.length - 10} more` : ''}`,
    );
  }
}

/** An event whose PutEvents entry exceeds EventBridge's size limit. */
export interface OversizedEntry {
  readonly eventId: string;
  readonly eventType: string;
  /** The entry's size by EventBridge's formula, in bytes. */
  readonly size: number;
}

/** Thrown before any request is sent when one or more entries can never be accepted. */
export class EntryTooLargeError extends DavinciEventBusError {
  readonly code = 'ENTRY_TOO_LARGE' as const;
  override get name(): 'EntryTooLargeError' {
    return 'EntryTooLargeError';
  }
  constructor(
    readonly entries: readonly OversizedEntry[],
    readonly limit: number,
  ) {
    super(
      `${entries.length} event(s) exceed the PutEvents entry limit of ${limit} bytes (nothing was sent): ${entries
        .map((entry) => `${entry.eventType} ${entry.eventId} is ${entry.size} bytes`)
        .join('; ')}. Store large payloads elsewhere (e.g. S3) and publish a reference.`,
    );
  }
}

/**
 * No event bus could be resolved: no `eventBusName` option, no `DAVINCI_EVENT_BUS_NAME`, and not
 * both `DAVINCI_APP_NAME` and `DAVINCI_DEPLOYMENT_ID`. The account's `default` bus is never
 * assumed — events published there match none of the app's rules and would be dropped silently.
 */
export class EventBusNotConfiguredError extends DavinciEventBusError {
  readonly code = 'EVENT_BUS_NOT_CONFIGURED' as const;
  override get name(): 'EventBusNotConfiguredError' {
    return 'EventBusNotConfiguredError';
  }
  constructor(
    /** The naming variables that are missing (set one way or the other). */
    readonly missingVariables: readonly string[],
  ) {
    super(
      `no event bus configured: pass the eventBusName option (eventBusName: 'default' for the account's default bus), or set DAVINCI_EVENT_BUS_NAME (the CDK sets it), or set both DAVINCI_APP_NAME and DAVINCI_DEPLOYMENT_ID (the bus is then {app}-{deployment}-event-bus). Missing: ${missingVariables.join(', ')}`,
    );
  }
}
