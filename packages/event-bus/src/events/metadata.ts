/** The one key of an event's `detail` that belongs to the framework; bodies may not use it. */
export const METADATA_KEY = '_davinci';

/**
 * Framework metadata carried on the wire under `detail._davinci`, beside the body's own fields.
 * Handlers see it as `envelope.davinci`.
 */
export interface EventMetadata {
  /** The event's own id (a UUID), stable across publisher retries of the same `Event` object. */
  readonly eventId: string;
  /** When the event was created, ISO 8601. */
  readonly created: string;
  /** The id of the event this one follows in a chain. */
  readonly previousEventId?: string;
  /** Shared by every event of one chain; the first event's id. */
  readonly correlationId?: string;
  /** Event type a handler should publish its result to. */
  readonly callbackEventType?: string;
  /** Event type a handler should publish to when it fails. */
  readonly callbackEventTypeOnFailure?: string;
}

/** Reads `_davinci` metadata from a detail object; `undefined` when absent or malformed. */
export function readMetadata(value: unknown): EventMetadata | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.eventId !== 'string' || typeof record.created !== 'string') return undefined;
  const optional = (key: string): string | undefined =>
    typeof record[key] === 'string' ? (record[key] as string) : undefined;
  return withoutUndefined({
    eventId: record.eventId,
    created: record.created,
    previousEventId: optional('previousEventId'),
    correlationId: optional('correlationId'),
    callbackEventType: optional('callbackEventType'),
    callbackEventTypeOnFailure: optional('callbackEventTypeOnFailure'),
  });
}

/** Drops keys whose value is `undefined`, so metadata serialises without noise. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
