import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** PutEvents accepts at most this many entries per request. */
export const MAX_ENTRIES_PER_REQUEST = 10;
/** 256 KB: the limit for one entry and for the sum of a request's entries, by `putEventsEntrySize`. */
export const MAX_REQUEST_SIZE_BYTES = 256 * 1024;

const utf8 = new TextEncoder();
const byteLength = (value: string): number => utf8.encode(value).length;

/**
 * EventBridge's own size formula for a PutEvents entry: 14 bytes when `Time` is set, plus the
 * UTF-8 byte lengths of `Source`, `DetailType`, `Detail` and each of `Resources`. `EventBusName`
 * and `TraceHeader` do not count.
 */
export function putEventsEntrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time === undefined ? 0 : 14;
  size += byteLength(entry.Source ?? '');
  size += byteLength(entry.DetailType ?? '');
  if (entry.Detail !== undefined) size += byteLength(entry.Detail);
  for (const resource of entry.Resources ?? []) size += byteLength(resource);
  return size;
}
