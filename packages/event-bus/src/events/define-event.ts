import { ValidationError } from '@davinci/orm';
import type { z } from 'zod';
import { Event, type EventBody, type NextEventOptions } from './event.js';
import { assertEventType } from './event-type.js';
import { issuesFromZod } from './zod-issues.js';

/** A zod schema whose output is an event body (a JSON object). */
export type EventBodySchema = z.ZodType<EventBody>;

/** Options for `definition.create(...)`: the metadata an `Event` accepts besides type and body. */
export type CreateEventOptions = NextEventOptions & {
  /** The id of the event this one follows. Prefer `previous.next(...)` via `definition.next`. */
  readonly previousEventId?: string;
  /** The chain this event belongs to. Default: the new event's own id. */
  readonly correlationId?: string;
};

/** A typed event: one type name, one body schema. Made by `defineEvent`. */
export interface EventDefinition<TType extends string, TSchema extends EventBodySchema> {
  readonly eventType: TType;
  readonly schema: TSchema;
  /** A new event whose body is checked now (`ValidationError` listing each bad field). */
  create(body: z.input<TSchema>, options?: CreateEventOptions): Event<z.output<TSchema>>;
  /** A new event of this type that follows `previous` in its chain. */
  next(
    previous: Event,
    body: z.input<TSchema>,
    options?: NextEventOptions,
  ): Event<z.output<TSchema>>;
  /** Checks an unknown value against the schema; throws `ValidationError` or returns the body. */
  parse(body: unknown): z.output<TSchema>;
}

/** The body type of an event definition. */
export type EventBodyOf<TDefinition> =
  TDefinition extends EventDefinition<string, infer TSchema> ? z.output<TSchema> : never;

/**
 * Declares an event type with the schema its body must satisfy. Bodies are checked when events
 * are created and again when they are published; handlers given the definition receive the
 * inferred body type as `event.detail`.
 *
 * @example
 * const UserCreated = defineEvent('user.created', z.object({ user_id: z.string(), email: z.email() }));
 * await publisher.submit(UserCreated.create({ user_id: 'u1', email: 'a@example.com' }));
 */
export function defineEvent<const TType extends string, TSchema extends EventBodySchema>(
  eventType: TType,
  schema: TSchema,
): EventDefinition<TType, TSchema> {
  assertEventType(eventType);
  type Body = z.output<TSchema>;
  const bodySchema = schema as unknown as z.ZodType<Body>;
  return {
    eventType,
    schema,
    create: (body, options = {}) =>
      new Event<Body>({ ...options, eventType, body: body as Body, schema: bodySchema }),
    next: (previous, body, options = {}) =>
      new Event<Body>({
        ...options,
        eventType,
        body: body as Body,
        schema: bodySchema,
        previousEventId: previous.eventId,
        correlationId: previous.correlationId,
      }),
    parse: (body) => {
      const result = schema.safeParse(body);
      if (!result.success) throw new ValidationError(issuesFromZod(result.error), { eventType });
      return result.data as Body;
    },
  };
}
