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
 * Packs entries into as few valid PutEvents requests as it can: first fit decreasing — the largest
 * entries are placed first, each into the first request with room, so small entries fill the gaps
 * large ones leave. EventBridge does not keep order between entries anyway. Every entry must
 * already fit on its own.
 */
export function packIntoRequests<T extends Sized>(
  entries: readonly T[],
  limits: BatchLimits = {},
): T[][] {
  // Array.prototype.sort is stable: entries of equal size keep their arrival order.
  return packFirstFit(
    [...entries].sort((a, b) => b.size - a.size),
    limits,
  );
}

/** First fit in arrival order: each entry goes into the first request with room for it. */
export function packFirstFit<T extends Sized>(
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
