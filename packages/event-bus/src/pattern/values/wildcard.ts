/**
 * Wildcard values: `*` matches any run of characters (including none), `\*` is a literal star and
 * `\\` a literal backslash. Consecutive stars and any other escape are rejected. (How many
 * wildcards a field may combine is checked separately, see wildcard-complexity.ts.)
 */

/** The literal pieces between the stars: `a*b*` → `['a', 'b', '']`. */
export type WildcardPieces = readonly string[];

/** The pieces of a wildcard value, or an explanation of why EventBridge rejects it. */
export function parseWildcard(value: string): WildcardPieces | string {
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '*') {
      if (value[i + 1] === '*') return `consecutive wildcard characters at position ${i}`;
      pieces.push(current);
      current = '';
    } else if (c === '\\') {
      const next = value[i + 1];
      if (next !== '*' && next !== '\\') return `invalid escape character at position ${i}`;
      current += next;
      i++;
    } else {
      current += c;
    }
  }
  pieces.push(current);
  return pieces;
}

/** Builds a test for strings matching the wildcard pieces. */
export function wildcardTest(pieces: WildcardPieces): (text: string) => boolean {
  if (pieces.length === 1) {
    const exact = pieces[0] as string;
    return (text) => text === exact;
  }
  const first = pieces[0] as string;
  const last = pieces[pieces.length - 1] as string;
  const middle = pieces.slice(1, -1);
  const minLength = pieces.reduce((sum, piece) => sum + piece.length, 0);
  return (text) => {
    if (text.length < minLength || !text.startsWith(first) || !text.endsWith(last)) return false;
    // Greedy left-to-right search is exact for star-separated literals: taking the earliest
    // occurrence of each middle piece leaves the most room for the rest.
    let from = first.length;
    const end = text.length - last.length;
    for (const piece of middle) {
      const at = text.indexOf(piece, from);
      if (at < 0 || at + piece.length > end) return false;
      from = at + piece.length;
    }
    return from <= end;
  };
}
