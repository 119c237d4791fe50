import { MAX_ENTRIES_PER_REQUEST, MAX_REQUEST_SIZE_BYTES } from './entry-size.js';

/** Anything with a precomputed entry size. */
export interface Sized {
  readonly size: number;
}

/** Request limits; the defaults are EventBridge's. */
export interface BatchLimits {
  /** Default: 10. */
  readonly maxEntries?: number;
  /** Default: 262,144 bytes. */
  readonly maxBytes?: number;
}

/**
 * Packs entries into as few valid PutEvents requests as it can: first fit, so a small entry fills
 * the gap an earlier large one left instead of opening a new request. Entries keep their relative
 * order inside each request. Every entry must already fit on its own.
 */
export function packIntoRequests<T extends Sized>(
  entries: readonly T[],
  limits: BatchLimits = {},
): T[][] {
  const maxEntries = limits.maxEntries ?? MAX_ENTRIES_PER_REQUEST;
  const maxBytes = limits.maxBytes ?? MAX_REQUEST_SIZE_BYTES;
  const requests: { entries: T[]; bytes: number }[] = [];
  // Only requests with room for more entries are searched; full ones drop out.
  let open: { entries: T[]; bytes: number }[] = [];
  for (const entry of entries) {
    let target = open.find(
      (request) => request.entries.length < maxEntries && request.bytes + entry.size <= maxBytes,
    );
    if (!target) {
      target = { entries: [], bytes: 0 };
      requests.push(target);
      open.push(target);
    }
    target.entries.push(entry);
    target.bytes += entry.size;
    if (target.entries.length === maxEntries || target.bytes === maxBytes) {
      open = open.filter((request) => request !== target);
    }
  }
  return requests.map((request) => request.entries);
}
