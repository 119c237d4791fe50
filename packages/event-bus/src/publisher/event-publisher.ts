import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import { resolveEventSource } from '@davinci/orm/discovery';
import type { Event } from '../events/event.js';
import {
  backoffDelayMs,
  type PublishRetryOptions,
  RETRYABLE_ERROR_CODES,
  resolvePublishSettings,
  sleep,
} from './backoff.js';
import { packIntoRequests } from './batching.js';
import { MAX_REQUEST_SIZE_BYTES, putEventsEntrySize } from './entry-size.js';
import {
  EntryTooLargeError,
  type FailedEntry,
  type OversizedEntry,
  PublishError,
  type PublishedEntry,
} from './errors.js';
import { resolveEventBusName } from './resources.js';

/** How an `EventPublisher` reaches its bus. Every field is optional. */
export interface EventPublisherProps {
  /** Default: a new `EventBridgeClient` configured from the environment (`AWS_ENDPOINT_URL`, …). */
  readonly client?: EventBridgeClient;
  /**
   * Default: `DAVINCI_EVENT_BUS_NAME` → `{DAVINCI_APP_NAME}-{DAVINCI_DEPLOYMENT_ID}-event-bus`,
   * read on first publish; with neither, publishing throws `EventBusNotConfiguredError`. Pass
   * `'default'` to publish to the account's default bus.
   */
  readonly eventBusName?: string;
  /** The events' `Source`. Default: `DAVINCI_EVENT_SOURCE` → `DAVINCI_APP_NAME` → `davinci`. */
  readonly source?: string;
  /**
   * Retries of entries that fail with a retryable code. Default: 4 attempts, 100 ms base delay,
   * 5 s longest wait. Values it cannot take are a `ValidationError` from the constructor.
   */
  readonly retry?: PublishRetryOptions;
  /** PutEvents requests in flight at once, an integer >= 1. Default: 4. */
  readonly maxConcurrentRequests?: number;
}

/** One entry on its way: the event, its wire form, its size and how often it was sent. */
interface Pending {
  readonly index: number;
  readonly event: Event;
  readonly entry: PutEventsRequestEntry;
  readonly size: number;
  attempts: number;
}

type Outcome =
  | { readonly kind: 'published'; readonly eventBridgeId: string }
  | { readonly kind: 'failed'; readonly errorCode: string; readonly errorMessage?: string };

/**
 * Publishes events to an EventBridge bus. `submitMany` packs events into as few PutEvents
 * requests as the limits allow, retries entries that fail with a retryable code, and throws a
 * `PublishError` listing every event that still failed — nothing is dropped silently.
 */
export class EventPublisher {
  readonly source: string;
  readonly #explicitBusName: string | undefined;
  #eventBusName: string | undefined;
  readonly #client: EventBridgeClient;
  readonly #retry: Required<PublishRetryOptions>;
  readonly #maxConcurrentRequests: number;

  constructor(props: EventPublisherProps = {}) {
    this.#explicitBusName = props.eventBusName;
    this.source = resolveEventSource(props.source);
    this.#client = props.client ?? new EventBridgeClient({});
    const settings = resolvePublishSettings(props.retry, props.maxConcurrentRequests);
    this.#retry = settings.retry;
    this.#maxConcurrentRequests = settings.maxConcurrentRequests;
  }

  /**
   * The bus events go to. Resolved on first use (first publish), not in the constructor, so a
   * publisher can be created at module load before its configuration is checked; throws
   * `EventBusNotConfiguredError` when no bus is configured.
   */
  get eventBusName(): string {
    this.#eventBusName ??= resolveEventBusName(this.#explicitBusName);
    return this.#eventBusName;
  }

  /** Publishes one event; resolves with the id EventBridge gave it. */
  async submit(event: Event): Promise<PublishedEntry> {
    const [published] = await this.submitMany([event]);
    // submitMany returns one entry per event or throws; an answer without one is still not a success.
    if (!published) {
      throw new PublishError(
        [
          {
            eventId: event.eventId,
            eventType: event.eventType,
            errorCode: 'MissingResultEntry',
            attempts: 0,
          },
        ],
        [],
      );
    }
    return published;
  }

  /**
   * Publishes events in as few requests as possible. The bus is resolved and every event is
   * validated and sized before the first request; `EventBusNotConfiguredError`,
   * `ValidationError` or `EntryTooLargeError` means nothing was sent.
   * Resolves with one entry per event, in input order.
   */
  async submitMany(events: readonly Event[]): Promise<PublishedEntry[]> {
    const eventBusName = this.eventBusName;
    const pending = events.map((event, index) => this.#prepare(event, index, eventBusName));
    const oversized: OversizedEntry[] = pending
      .filter((item) => item.size > MAX_REQUEST_SIZE_BYTES)
      .map((item) => ({
        eventId: item.event.eventId,
        eventType: item.event.eventType,
        size: item.size,
      }));
    if (oversized.length > 0) throw new EntryTooLargeError(oversized, MAX_REQUEST_SIZE_BYTES);

    const outcomes = new Map<number, Outcome>();
    const maxAttempts = this.#retry.maxAttempts;
    let queue = pending;
    for (let attempt = 1; queue.length > 0; attempt++) {
      const retry: Pending[] = [];
      await this.#sendAll(queue, (item, outcome) => {
        item.attempts++;
        outcomes.set(item.index, outcome);
        if (
          outcome.kind === 'failed' &&
          RETRYABLE_ERROR_CODES.has(outcome.errorCode) &&
          attempt < maxAttempts
        ) {
          retry.push(item);
        }
      });
      queue = retry.sort((a, b) => a.index - b.index);
      if (queue.length > 0) await sleep(backoffDelayMs(attempt, this.#retry));
    }

    const published: PublishedEntry[] = [];
    const failed: FailedEntry[] = [];
    for (const item of pending) {
      const outcome = outcomes.get(item.index);
      const ids = { eventId: item.event.eventId, eventType: item.event.eventType };
      if (outcome?.kind === 'published')
        published.push({ ...ids, eventBridgeId: outcome.eventBridgeId });
      else {
        failed.push({
          ...ids,
          errorCode: outcome?.errorCode ?? 'NotSent',
          ...(outcome?.errorMessage === undefined ? {} : { errorMessage: outcome.errorMessage }),
          attempts: item.attempts,
        });
      }
    }
    if (failed.length > 0) throw new PublishError(failed, published);
    return published;
  }

  #prepare(event: Event, index: number, eventBusName: string): Pending {
    const entry: PutEventsRequestEntry = {
      EventBusName: eventBusName,
      Source: this.source,
      DetailType: event.eventType,
      Detail: event.toDetail(),
      Time: event.created,
    };
    return { index, event, entry, size: putEventsEntrySize(entry), attempts: 0 };
  }

  /** Sends the queue as packed requests, a few at a time, reporting each entry's outcome. */
  async #sendAll(
    queue: readonly Pending[],
    report: (item: Pending, outcome: Outcome) => void,
  ): Promise<void> {
    const requests = packIntoRequests(queue);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests.length) {
        const request = requests[next++];
        if (request) await this.#send(request, report);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.#maxConcurrentRequests, requests.length) }, worker),
    );
  }

  async #send(
    request: readonly Pending[],
    report: (item: Pending, outcome: Outcome) => void,
  ): Promise<void> {
    let results: readonly PutEventsResultEntry[];
    try {
      const response = await this.#client.send(
        new PutEventsCommand({ Entries: request.map((item) => item.entry) }),
      );
      results = response.Entries ?? [];
    } catch (error) {
      // The SDK already retried the request itself; what reaches us fails every entry in it.
      const err = error instanceof Error ? error : new Error(String(error));
      for (const item of request) {
        report(item, {
          kind: 'failed',
          errorCode: err.name || 'RequestFailed',
          errorMessage: err.message,
        });
      }
      return;
    }
    request.forEach((item, position) => {
      const result = results[position];
      if (result?.EventId && !result.ErrorCode) {
        report(item, { kind: 'published', eventBridgeId: result.EventId });
      } else {
        report(item, {
          kind: 'failed',
          errorCode: result?.ErrorCode ?? 'MissingResultEntry',
          errorMessage:
            result?.ErrorMessage ??
            (result ? undefined : 'EventBridge returned fewer result entries than it was sent'),
        });
      }
    });
  }
}
