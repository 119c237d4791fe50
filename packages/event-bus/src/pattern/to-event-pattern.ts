import { invalidPattern } from './errors.js';
import { parsePattern } from './parse-pattern.js';
import { JsonObjectEntries, readPatternJson } from './pattern-json.js';
import type { EventPattern, EventPatternValue } from './types.js';

/**
 * What a handler subscribes to: one event type (`'user.created'`), a family (`'user.*'`, or any
 * `*` wildcard), a list of them, or a full EventBridge pattern (object or JSON text).
 */
export type EventSubscription = string | readonly string[] | EventPattern;

/**
 * The EventBridge pattern a subscription deploys. Event types become `detail-type` filters: an
 * exact type stays a value, a single trailing `*` becomes a prefix filter and any other `*` a
 * wildcard filter; a list merges them all into one `detail-type` list. A full pattern is checked
 * and returned as given. Throws InvalidEventPatternError for anything EventBridge would reject.
 */
export function toEventPattern(subscription: EventSubscription): EventPattern {
  if (typeof subscription === 'string' && subscription.trimStart().startsWith('{')) {
    parsePattern(subscription);
    return readPatternJsonAsObject(subscription);
  }
  if (typeof subscription === 'string' || Array.isArray(subscription)) {
    const types: readonly string[] =
      typeof subscription === 'string' ? [subscription] : subscription;
    if (types.length === 0) {
      invalidPattern('detail-type', 'empty-subscription', 'subscribe to at least one event type');
    }
    const filters: EventPatternValue[] = [];
    const seen = new Set<string>();
    types.forEach((eventType, index) => {
      const filter = detailTypeFilter(eventType, `detail-type[${index}]`);
      const key = JSON.stringify(filter);
      if (!seen.has(key)) {
        seen.add(key);
        filters.push(filter);
      }
    });
    const pattern: EventPattern = { 'detail-type': filters };
    parsePattern(pattern);
    return pattern;
  }
  parsePattern(subscription);
  return subscription as EventPattern;
}

function detailTypeFilter(eventType: unknown, at: string): EventPatternValue {
  if (typeof eventType !== 'string' || eventType === '') {
    return invalidPattern(at, 'event-type', 'an event type must be a non-empty string');
  }
  const firstStar = eventType.indexOf('*');
  if (firstStar < 0) return eventType;
  if (firstStar === eventType.length - 1 && firstStar > 0)
    return { prefix: eventType.slice(0, -1) };
  // Only `*` is special in a subscription; a backslash is taken literally.
  return { wildcard: eventType.replaceAll('\\', '\\\\') };
}

/** JSON text → plain objects (the pattern was already checked, so duplicates resolve as EventBridge does). */
function readPatternJsonAsObject(text: string): EventPattern {
  return toPlain(readPatternJson(text)) as EventPattern;
}

function toPlain(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toPlain);
  if (!(node instanceof JsonObjectEntries)) return node;
  const plain: Record<string, unknown> = {};
  for (const [key, value] of node.entries) {
    const converted = toPlain(value);
    const earlier = plain[key];
    // A repeated key adds its fields to the earlier object; a repeated field path replaces it.
    plain[key] =
      isPlainObject(earlier) && isPlainObject(converted) ? { ...earlier, ...converted } : converted;
  }
  return plain;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
