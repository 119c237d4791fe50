/**
 * EventBridge refuses a rule whose wildcards make matching too non-deterministic ("rule is too
 * complex"). It builds one byte automaton per field from the field's wildcard values and asks how
 * many wildcard patterns could be in play at once for a worst-case input value; above ten, the rule
 * is rejected. This module rebuilds that automaton and explores every set of states an input
 * can reach.
 *
 * How the automaton is shaped matters for the count, so it follows the matcher's layout: a value
 * is matched with its enclosing quotes; literal text before the first `*` is shared between
 * values (a trie), as is the state of that first `*`; everything after a `*` belongs to its own
 * value; all values of one list entry end in one shared final state. A byte after a `*` can be
 * reached from the `*` state and from the state before it (the `*` may match nothing).
 */
export const WILDCARD_COMPLEXITY_LIMIT = 10;

/** One entry of a field's value list that uses wildcards: `{ wildcard }` or `{ anything-but: { wildcard } }`. */
export interface WildcardTerm {
  /** Equal entries count once. */
  readonly identity: string;
  /** The wildcard values as written (escapes included). */
  readonly values: readonly string[];
}

const STAR = -1;
const QUOTE = 0x22;
const OTHER_BYTE = -2;

interface State {
  /** Byte → states entered by reading that byte. */
  readonly literal: Map<number, number[]>;
  /** States entered by reading any byte (a `*` loop, or the way into one). */
  any: number[];
  /** The list entries whose paths run through this state. */
  readonly terms: Set<number>;
  /** Literal-prefix trie: byte → shared next state (only before the first `*`). */
  readonly trie: Map<number, number>;
  /** The shared state of a `*` read right here, before any other `*`. */
  firstStar: number | undefined;
}

const encoder = new TextEncoder();

/** The value's bytes, quotes included, with `*` as STAR and escapes resolved. */
function tokens(value: string): number[] {
  const out = [QUOTE];
  let literal = '';
  const flush = () => {
    for (const byte of encoder.encode(literal)) out.push(byte);
    literal = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '*') {
      flush();
      out.push(STAR);
    } else if (c === '\\') {
      literal += value[i + 1] ?? '';
      i++;
    } else {
      literal += c;
    }
  }
  flush();
  out.push(QUOTE);
  return out;
}

function newState(states: State[]): number {
  states.push({
    literal: new Map(),
    any: [],
    terms: new Set(),
    trie: new Map(),
    firstStar: undefined,
  });
  return states.length - 1;
}

function addEdge(state: State, byte: number, target: number): void {
  const targets = state.literal.get(byte);
  if (targets === undefined) state.literal.set(byte, [target]);
  else if (!targets.includes(target)) targets.push(target);
}

function buildAutomaton(terms: readonly WildcardTerm[]): { states: State[] } {
  const states: State[] = [];
  newState(states);
  terms.forEach((term, termIndex) => {
    let finalState: number | undefined;
    for (const value of term.values) {
      const path = tokens(value);
      let current = 0;
      let before = -1;
      let inTrie = true;
      path.forEach((token, i) => {
        const last = i === path.length - 1;
        const from = states[current] as State;
        let target: number;
        let created = false;
        if (last) {
          created = finalState === undefined;
          finalState ??= newState(states);
          target = finalState;
        } else if (token === STAR) {
          if (inTrie && from.firstStar !== undefined) {
            target = from.firstStar;
          } else {
            target = newState(states);
            created = true;
            if (inTrie) from.firstStar = target;
          }
          inTrie = false;
        } else if (inTrie && from.trie.has(token)) {
          target = from.trie.get(token) as number;
        } else {
          target = newState(states);
          created = true;
          if (inTrie) from.trie.set(token, target);
        }
        const to = states[target] as State;
        if (token === STAR) {
          if (to.any.length === 0) {
            from.any.push(target);
            to.any = [target];
          }
        } else if (created || last) {
          addEdge(from, token, target);
          if (i > 0 && path[i - 1] === STAR) addEdge(states[before] as State, token, target);
        }
        to.terms.add(termIndex);
        before = current;
        current = target;
      });
    }
  });
  return { states };
}

/**
 * The most wildcard patterns that can be in play at once for the field's wildcard entries (capped
 * just above the limit: exploring further changes nothing).
 */
export function wildcardComplexity(terms: readonly WildcardTerm[]): number {
  if (terms.length === 0) return 0;
  const { states } = buildAutomaton(terms);
  const seen = new Set<string>();
  const pending: number[][] = [[0]];
  let worst = 0;
  while (pending.length > 0) {
    const active = pending.pop() as number[];
    // Bytes without a literal edge from the active states all lead to the same set, so only the
    // bytes that do, plus one stand-in for every other byte, need exploring.
    const viaAnyByte = new Set<number>();
    const bytes = new Set<number>([OTHER_BYTE]);
    for (const id of active) {
      const state = states[id] as State;
      for (const target of state.any) viaAnyByte.add(target);
      for (const byte of state.literal.keys()) bytes.add(byte);
    }
    for (const byte of bytes) {
      const next = new Set(viaAnyByte);
      if (byte !== OTHER_BYTE) {
        for (const id of active) {
          for (const target of (states[id] as State).literal.get(byte) ?? []) next.add(target);
        }
      }
      if (next.size === 0) continue;
      const score = scoreOf(next, states);
      if (score > WILDCARD_COMPLEXITY_LIMIT) return score;
      worst = Math.max(worst, score);
      const sorted = [...next].sort((a, b) => a - b);
      const key = sorted.join(',');
      if (!seen.has(key)) {
        seen.add(key);
        pending.push(sorted);
      }
    }
  }
  return worst;
}

/** How many wildcard patterns a set of simultaneously active states keeps in play. */
function scoreOf(active: ReadonlySet<number>, states: readonly State[]): number {
  let score = 0;
  for (const id of active) {
    const state = states[id] as State;
    score += state.terms.size;
    // A value that reaches this state also reaches the `*` right after it.
    for (const loop of state.any)
      if (!active.has(loop)) score += (states[loop] as State).terms.size;
  }
  return score;
}
