import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../../edge/service-error.js';
import { busNameOf } from '../models/arns.js';
import { type EventBridgeEvent, eventTime } from '../models/event.js';
import type { EventsContext } from './context.js';
import { isRecord, type Params, requiredArray, validationError } from './params.js';

/** AWS's limits: 10 entries per request, 256 KB for all of them together. */
export const PUT_EVENTS_MAX_ENTRIES = 10;
export const PUT_EVENTS_MAX_BYTES = 256 * 1024;

type ResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/**
 * Accepts the entries, answers per entry, then delivers matches after the answer (as AWS does):
 * matching happens now, against the rules as they are now; sending happens on the next turn.
 */
export function putEvents(context: EventsContext, params: Params) {
  const entries = requiredArray(params, 'Entries');
  if (entries.length < 1) {
    throw validationError('Entries', '[]', 'Member must have length greater than or equal to 1');
  }
  if (entries.length > PUT_EVENTS_MAX_ENTRIES) {
    throw validationError(
      'Entries',
      `[${entries.length} entries]`,
      `Member must have length less than or equal to ${PUT_EVENTS_MAX_ENTRIES}`,
    );
  }
  const records = entries.map((entry, index) => {
    if (!isRecord(entry))
      throw new ServiceError('SerializationException', `Entries[${index}] must be an object`);
    return entry;
  });
  if (records.reduce((total, entry) => total + entrySize(entry), 0) > PUT_EVENTS_MAX_BYTES) {
    throw new ServiceError(
      'ValidationException',
      'Total size of the entries in the request is over the limit.',
    );
  }
  const now = context.clock.now();
  const results = records.map((entry) => ingest(context, entry, now));
  return {
    FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
    Entries: results,
  };
}

function ingest(context: EventsContext, entry: Params, now: number): ResultEntry {
  const source = entry.Source;
  const detailType = entry.DetailType;
  const detailText = entry.Detail;
  if (typeof source !== 'string' || source === '') return requiredArgument('Source');
  if (typeof detailType !== 'string' || detailType === '') return requiredArgument('DetailType');
  if (typeof detailText !== 'string' || detailText === '') return requiredArgument('Detail');
  if (source.startsWith('aws.')) {
    // Sources under aws. belong to AWS services; custom events may not use them.
    return {
      ErrorCode: 'NotAuthorizedForSourceException',
      ErrorMessage: 'Not authorized for the source.',
    };
  }
  if (nestingDepth(detailText) > MAXIMUM_DETAIL_DEPTH) {
    return {
      ErrorCode: 'MalformedDetail',
      ErrorMessage: `Detail is malformed: it nests deeper than ${MAXIMUM_DETAIL_DEPTH} levels.`,
    };
  }
  const detail = parseDetail(detailText);
  if (!detail) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  const resources = readResources(entry.Resources);
  if (!resources) {
    return {
      ErrorCode: 'InvalidArgument',
      ErrorMessage:
        'Parameter Resources is not valid. Reason: Resources must be a list of strings.',
    };
  }
  const time = readTime(entry.Time, now);
  if (time === undefined) {
    return {
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Time is not valid. Reason: Time must be a timestamp.',
    };
  }
  const event: EventBridgeEvent = {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account: context.store.scope.accountId,
    time: eventTime(time),
    region: context.store.scope.region,
    resources,
    detail,
  };
  route(
    context,
    event,
    typeof entry.EventBusName === 'string' ? entry.EventBusName : undefined,
    now,
  );
  return { EventId: event.id };
}

function route(
  context: EventsContext,
  event: EventBridgeEvent,
  busNameOrArn: string | undefined,
  now: number,
): void {
  const busName = busNameOf(busNameOrArn);
  const bus = context.store.buses.get(busName);
  if (!bus) {
    // AWS accepts events for a bus that does not exist and drops them; the sandbox says so.
    context.dispatcher.record({
      time: now,
      eventId: event.id,
      busName,
      code: 'EventBusNotFound',
      message: `event ${event.id} was accepted for bus ${busName}, which does not exist; it was dropped`,
    });
    return;
  }
  const ingestedAt = new Date(now).toISOString();
  for (const rule of bus.rules.values()) {
    if (rule.state === 'DISABLED' || rule.targets.size === 0 || !rule.matches(event)) continue;
    for (const target of rule.targets.values())
      context.dispatcher.enqueue(event, rule, target, ingestedAt);
  }
}

function requiredArgument(field: string): ResultEntry {
  return {
    ErrorCode: 'InvalidArgument',
    ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
  };
}

/** Detail must be a JSON object. */
/**
 * How deep a Detail may nest. EventBridge documents no depth of its own; real events nest a
 * few levels. Past this bound an event would be accepted, then overflow the stack when it is
 * serialized for delivery, so it is refused here, per entry, with the reason.
 */
export const MAXIMUM_DETAIL_DEPTH = 1_000;

/** The deepest nesting of objects and arrays in JSON text, in one pass without recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === '}' || char === ']') depth -= 1;
  }
  return deepest;
}

function parseDetail(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function readResources(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return undefined;
  return value as string[];
}

/**
 * Event times print as `yyyy-mm-ddThh:mm:ssZ`, so only years 0000 to 9999 can be shown; anything
 * outside (such as `1e20` seconds) is this entry's InvalidArgument, never a failed request.
 */
const EARLIEST_TIME_MS = -62_167_219_200_000; // 0000-01-01T00:00:00Z (Date.UTC maps year 0 to 1900)
const LATEST_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** JSON 1.1 sends timestamps as epoch seconds; ISO text is accepted too. */
function readTime(value: unknown, now: number): number | undefined {
  if (value === undefined || value === null) return now;
  let ms: number | undefined;
  if (typeof value === 'number') ms = value * 1000;
  else if (typeof value === 'string') ms = Date.parse(value);
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  return ms >= EARLIEST_TIME_MS && ms <= LATEST_TIME_MS ? ms : undefined;
}

/** The size AWS counts for an entry: Time (14 bytes), Source, DetailType, Detail and Resources. */
function entrySize(entry: Params): number {
  let size = entry.Time === undefined || entry.Time === null ? 0 : 14;
  for (const field of [entry.Source, entry.DetailType, entry.Detail]) {
    if (typeof field === 'string') size += Buffer.byteLength(field, 'utf8');
  }
  if (Array.isArray(entry.Resources)) {
    for (const resource of entry.Resources) {
      if (typeof resource === 'string') size += Buffer.byteLength(resource, 'utf8');
    }
  }
  return size;
}
