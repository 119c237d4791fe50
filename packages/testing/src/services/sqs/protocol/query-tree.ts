import { sqsErrors } from '../errors.js';
import { DECODING_LIMITS } from './decoding-limits.js';

/** Query parameters nested by the dots in their names: `Attribute.1.Name` → Attribute → 1 → Name. */
export type QueryTree = Map<string, QueryTree | string>;

/**
 * Builds the tree in one pass, without recursion, reading each name once. Maps keep names such
 * as `__proto__` as plain keys. `Action` and `Version` are the envelope, not input.
 */
export function buildQueryTree(parameters: URLSearchParams): QueryTree {
  const root: QueryTree = new Map();
  let count = 0;
  for (const [name, value] of parameters) {
    count += 1;
    if (count > DECODING_LIMITS.maximumQueryParameters) {
      throw sqsErrors.tooManyParameters(name, DECODING_LIMITS.maximumQueryParameters);
    }
    if (name === 'Action' || name === 'Version') continue;
    const parts = nameParts(name);
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let child = node.get(part);
      if (typeof child !== 'object') {
        child = new Map();
        node.set(part, child);
      }
      node = child;
    }
    node.set(parts.at(-1) ?? '', value);
  }
  return root;
}

/** The dot-separated parts of a name; stops reading as soon as there are too many. */
function nameParts(name: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (;;) {
    const dot = name.indexOf('.', start);
    if (dot === -1) {
      parts.push(name.slice(start));
      return parts;
    }
    parts.push(name.slice(start, dot));
    if (parts.length >= DECODING_LIMITS.maximumQueryNameParts) {
      throw sqsErrors.parameterNestedTooDeeply(name, DECODING_LIMITS.maximumQueryNameParts);
    }
    start = dot + 1;
  }
}
