import { randomUUID } from 'node:crypto';
import { ValidationError } from '@davinci/orm';
import type { z } from 'zod';
import { assertEventType } from './event-type.js';
import { type EventMetadata, METADATA_KEY, withoutUndefined } from './metadata.js';
import { issuesFromZod } from './zod-issues.js';

/** An event body: a JSON object whose fields travel at the top level of EventBridge's `detail`. */
export type EventBody = Record<string, unknown>;

/** What an `Event` is made of. Only `eventType` and `body` are required. */
export interface EventProps<TBody extends EventBody = EventBody> {
  /** Dot-notation type, e.g. `user.created`; becomes EventBridge's `detail-type`. */
  readonly eventType: string;
  /** The event's fields. May not use the reserved key `_davinci`. */
  readonly body: TBody;
  /** Default: a new UUID. */
  readonly eventId?: string;
  /** Default: now. */
  readonly created?: Date;
  /** The id of the event this one follows in a chain. Default: none. */
  readonly previousEventId?: string;
  /** The chain this event belongs to. Default: the event's own id (it starts a chain). */
  readonly correlationId?: string;
  /** Event type a handler should publish its result to. Default: none. */
  readonly callbackEventType?: string;
  /** Event type a handler should publish to when it fails. Default: none. */
  readonly callbackEventTypeOnFailure?: string;
  /**
   * Schema the body must satisfy; checked now and again before publishing (bodies are mutable
   * objects). Set by `defineEvent`. Default: none.
   */
  readonly schema?: z.ZodType<TBody>;
}

/** The parts of a received EventBridge envelope an `Event` can be rebuilt from. */
export interface ReceivedEvent<TBody extends EventBody = EventBody> {
  readonly id: string;
  readonly 'detail-type': string;
  readonly time: string;
  readonly detail: TBody;
  readonly davinci?: EventMetadata | undefined;
}

/** Options for `event.next(...)` beyond the new type and body. */
export type NextEventOptions = Pick<
  EventProps,
  'eventId' | 'created' | 'callbackEventType' | 'callbackEventTypeOnFailure'
>;

/**
 * Something that happened, published to the event bus. The body's fields are what handlers read
 * as `event.detail`; the rest is framework metadata carried under `detail._davinci`.
 */
export class Event<TBody extends EventBody = EventBody> {
  readonly eventType: string;
  readonly body: TBody;
  readonly eventId: string;
  readonly created: Date;
  readonly previousEventId: string | undefined;
  readonly correlationId: string;
  readonly callbackEventType: string | undefined;
  readonly callbackEventTypeOnFailure: string | undefined;
  readonly #schema: z.ZodType<TBody> | undefined;

  constructor(props: EventProps<TBody>) {
    assertEventType(props.eventType);
    for (const [field, value] of [
      ['callbackEventType', props.callbackEventType],
      ['callbackEventTypeOnFailure', props.callbackEventTypeOnFailure],
    ] as const) {
      if (value !== undefined) assertField(field, value, props.eventType);
    }
    if (props.created !== undefined && Number.isNaN(props.created?.getTime?.())) {
      throw new ValidationError(
        [{ path: 'created', rule: 'date', message: 'expected a valid Date' }],
        { eventType: props.eventType },
      );
    }
    this.eventType = props.eventType;
    this.#schema = props.schema;
    // Checked before the schema too: a zod object would silently strip the reserved key.
    assertBody(props.body, this.eventType);
    this.body = this.#schema ? parseBody(this.#schema, props.body, props.eventType) : props.body;
    assertBody(this.body, this.eventType);
    this.eventId = props.eventId ?? randomUUID();
    this.created = props.created ?? new Date();
    this.previousEventId = props.previousEventId;
    this.correlationId = props.correlationId ?? this.eventId;
    this.callbackEventType = props.callbackEventType;
    this.callbackEventTypeOnFailure = props.callbackEventTypeOnFailure;
  }

  /**
   * The event a handler received, rebuilt from its envelope so the handler can continue the chain:
   * `Event.fromEnvelope(event).next('user.welcomed', {...})`. Ids and times come from the
   * `_davinci` metadata when the event was published by `EventPublisher`, else from EventBridge.
   */
  static fromEnvelope<TBody extends EventBody>(envelope: ReceivedEvent<TBody>): Event<TBody> {
    const metadata = envelope.davinci;
    return new Event<TBody>({
      eventType: envelope['detail-type'],
      body: envelope.detail,
      eventId: metadata?.eventId ?? envelope.id,
      created: new Date(metadata?.created ?? envelope.time),
      ...(metadata?.previousEventId ? { previousEventId: metadata.previousEventId } : {}),
      ...(metadata?.correlationId ? { correlationId: metadata.correlationId } : {}),
      ...(metadata?.callbackEventType ? { callbackEventType: metadata.callbackEventType } : {}),
      ...(metadata?.callbackEventTypeOnFailure
        ? { callbackEventTypeOnFailure: metadata.callbackEventTypeOnFailure }
        : {}),
    });
  }

  /**
   * A new event that follows this one: same correlation id, `previousEventId` = this event's id.
   * Callback types are not inherited; they address the handler of this event only.
   */
  next<TNext extends EventBody>(
    eventType: string,
    body: TNext,
    options: NextEventOptions = {},
  ): Event<TNext> {
    return new Event<TNext>({
      ...options,
      eventType,
      body,
      previousEventId: this.eventId,
      correlationId: this.correlationId,
    });
  }

  /** The metadata that travels under `detail._davinci`. */
  get metadata(): EventMetadata {
    return withoutUndefined({
      eventId: this.eventId,
      created: this.created.toISOString(),
      previousEventId: this.previousEventId,
      correlationId: this.correlationId,
      callbackEventType: this.callbackEventType,
      callbackEventTypeOnFailure: this.callbackEventTypeOnFailure,
    });
  }

  /**
   * Checks the body again (its schema when it has one, the reserved key always) and returns the
   * body to send. Publishers call this before any request.
   */
  validate(): TBody {
    assertBody(this.body, this.eventType);
    const body = this.#schema ? parseBody(this.#schema, this.body, this.eventType) : this.body;
    assertBody(body, this.eventType);
    return body;
  }

  /** The JSON EventBridge receives as `Detail`: the body's fields plus `_davinci`. */
  toDetail(): string {
    const body = this.validate();
    try {
      return JSON.stringify({ ...body, [METADATA_KEY]: this.metadata });
    } catch (error) {
      throw new ValidationError(
        [
          {
            path: '(body)',
            rule: 'json',
            message: `not serialisable as JSON: ${(error as Error).message}`,
          },
        ],
        { eventType: this.eventType },
      );
    }
  }
}

function parseBody<TBody>(schema: z.ZodType<TBody>, body: unknown, eventType: string): TBody {
  const result = schema.safeParse(body);
  if (!result.success) throw new ValidationError(issuesFromZod(result.error), { eventType });
  return result.data;
}

function assertBody(body: unknown, eventType: string): asserts body is EventBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError(
      [
        {
          path: '(body)',
          rule: 'object',
          message: `expected a JSON object (its fields become the detail's fields), got ${
            Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body
          }`,
        },
      ],
      { eventType },
    );
  }
  if (Object.hasOwn(body, METADATA_KEY)) {
    throw new ValidationError(
      [
        {
          path: METADATA_KEY,
          rule: 'reserved',
          message: `"${METADATA_KEY}" is reserved for framework metadata; rename the field`,
        },
      ],
      { eventType },
    );
  }
}

function assertField(field: string, value: unknown, eventType: string): void {
  try {
    assertEventType(value);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.issues.map((issue) => ({ ...issue, path: field })),
      { eventType },
    );
  }
}
