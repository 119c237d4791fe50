import { matchesBranch } from './matching/evaluate.js';
import { parsePattern } from './parse-pattern.js';
import type { EventMatcher, EventPatternInput } from './types.js';

/**
 * Checks a pattern (an object or JSON text) against EventBridge's rules once and returns a fast
 * matcher for events. Throws InvalidEventPatternError for a pattern EventBridge would reject.
 */
export function compileEventPattern(pattern: EventPatternInput): EventMatcher {
  const branches = parsePattern(pattern);
  const [only] = branches;
  if (branches.length === 1 && only !== undefined) return (event) => matchesBranch(event, only);
  return (event) => {
    for (const branch of branches) if (matchesBranch(event, branch)) return true;
    return false;
  };
}

/** Rules store their pattern as JSON text, so the same text comes back again and again. */
const RECENT_TEXT_PATTERNS_LIMIT = 256;
const recentTextPatterns = new Map<string, EventMatcher>();

function compileTextPattern(text: string): EventMatcher {
  let matcher = recentTextPatterns.get(text);
  if (matcher === undefined) {
    matcher = compileEventPattern(text);
    if (recentTextPatterns.size >= RECENT_TEXT_PATTERNS_LIMIT) recentTextPatterns.clear();
    recentTextPatterns.set(text, matcher);
  }
  return matcher;
}

/**
 * Whether the event (a parsed JSON value, such as an EventBridge envelope) matches the pattern,
 * as EventBridge decides it. A pattern object is read on every call (compile it with
 * {@link compileEventPattern} to match many events); pattern text, as rules store it, is compiled
 * once and remembered for the most recent few hundred texts.
 */
export function matchesEventPattern(pattern: EventPatternInput, event: unknown): boolean {
  return (typeof pattern === 'string' ? compileTextPattern(pattern) : compileEventPattern(pattern))(
    event,
  );
}

/** Throws InvalidEventPatternError, naming the place and the rule, if EventBridge would reject the pattern. */
export function validateEventPattern(pattern: unknown): void {
  parsePattern(pattern);
}
