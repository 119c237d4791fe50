import type { ValidationIssue } from '@davinci/orm';
import type { z } from 'zod';
import type { EventDefinition } from '../events/define-event.js';
import type { EventBody } from '../events/event.js';
import { type EventMetadata, METADATA_KEY, readMetadata } from '../events/metadata.js';
import { issuesFromZod } from '../events/zod-issues.js';

/**
 * An EventBridge event as a handler receives it: AWS's envelope, with `detail` holding the body's
 * fields and the framework's metadata moved out of it into `davinci`.
 */
export interface EventEnvelope<TDetail = EventBody> {
  readonly version: string;
  /** EventBridge's event id: the same for every delivery of one event. */
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601. */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly 'replay-name'?: string;
  /** The event body's fields (validated and defaulted when the handler has a schema). */
  readonly detail: TDetail;
  /** Metadata of events published with `EventPublisher`; `undefined` for other sources. */
  readonly davinci: EventMetadata | undefined;
}

/** A handler's schema: a zod schema for `detail`, or an event definition from `defineEvent`. */
export type DetailSchema = z.ZodType<EventBody> | EventDefinition<string, z.ZodType<EventBody>>;

/** The detail type a handler with schema `S` receives. */
export type DetailOf<S> =
  S extends EventDefinition<string, infer TSchema>
    ? z.output<TSchema>
    : S extends z.ZodType
      ? z.output<S>
      : EventBody;

/** Why a record can never be handled; it goes back to the queue and on to the DLQ. */
export type PoisonReason =
  | { readonly kind: 'invalid-json'; readonly message: string }
  | { readonly kind: 'not-an-eventbridge-event'; readonly message: string }
  | {
      readonly kind: 'schema-mismatch';
      readonly message: string;
      readonly issues: readonly ValidationIssue[];
    };

export type ParsedRecord<TDetail> =
  | { readonly ok: true; readonly envelope: EventEnvelope<TDetail> }
  | {
      readonly ok: false;
      readonly reason: PoisonReason;
      readonly eventId?: string;
      readonly eventType?: string;
    };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Turns an SQS message body into an envelope, or says why it cannot be one. Never throws: a bad
 * record must not take the batch down with it.
 */
export function parseRecordBody<TDetail = EventBody>(
  body: string,
  schema: DetailSchema | undefined,
): ParsedRecord<TDetail> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, reason: { kind: 'invalid-json', message: (error as Error).message } };
  }
  const missing = shapeProblems(value);
  if (missing.length > 0 || !isObject(value)) {
    return {
      ok: false,
      reason: {
        kind: 'not-an-eventbridge-event',
        message: `not an EventBridge event: ${missing.join(', ')}`,
      },
    };
  }
  const { [METADATA_KEY]: metadata, ...detail } = value.detail as Record<string, unknown>;
  const eventId = value.id as string;
  const eventType = value['detail-type'] as string;
  let parsedDetail: unknown = detail;
  if (schema) {
    const definition = isEventDefinition(schema) ? schema : undefined;
    if (definition && definition.eventType !== eventType) {
      return {
        ok: false,
        eventId,
        eventType,
        reason: {
          kind: 'schema-mismatch',
          message: `expected detail-type "${definition.eventType}", got "${eventType}"`,
          issues: [
            { path: 'detail-type', rule: 'literal', message: `expected "${definition.eventType}"` },
          ],
        },
      };
    }
    const zodSchema = definition ? definition.schema : (schema as z.ZodType<EventBody>);
    const result = zodSchema.safeParse(detail);
    if (!result.success) {
      const issues = issuesFromZod(result.error);
      return {
        ok: false,
        eventId,
        eventType,
        reason: {
          kind: 'schema-mismatch',
          message: issues
            .map((issue) => `${issue.path} (${issue.rule}): ${issue.message}`)
            .join('; '),
          issues,
        },
      };
    }
    parsedDetail = result.data;
  }
  const optionalString = (key: string): string =>
    typeof value[key] === 'string' ? (value[key] as string) : '';
  return {
    ok: true,
    envelope: {
      version: optionalString('version') || '0',
      id: eventId,
      'detail-type': eventType,
      source: value.source as string,
      account: optionalString('account'),
      time: value.time as string,
      region: optionalString('region'),
      resources: Array.isArray(value.resources) ? (value.resources as string[]) : [],
      ...(typeof value['replay-name'] === 'string' ? { 'replay-name': value['replay-name'] } : {}),
      detail: parsedDetail as TDetail,
      davinci: readMetadata(metadata),
    },
  };
}

/** The fields a handler relies on; AWS always sets them. */
function shapeProblems(value: unknown): string[] {
  if (!isObject(value))
    return [`expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`];
  const problems: string[] = [];
  for (const key of ['id', 'detail-type', 'source', 'time']) {
    if (typeof value[key] !== 'string' || value[key] === '')
      problems.push(`"${key}" must be a non-empty string`);
  }
  if (!isObject(value.detail)) problems.push('"detail" must be a JSON object');
  if (value.resources !== undefined && !Array.isArray(value.resources))
    problems.push('"resources" must be an array');
  return problems;
}

function isEventDefinition(
  schema: DetailSchema,
): schema is EventDefinition<string, z.ZodType<EventBody>> {
  return typeof (schema as { eventType?: unknown }).eventType === 'string' && 'create' in schema;
}
