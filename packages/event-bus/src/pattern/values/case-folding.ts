/** Which part of the value a case-insensitive pattern must cover. */
export type CaseInsensitiveAnchor = 'whole' | 'start' | 'end';

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const escapeRegex = (text: string) => text.replace(REGEX_SYNTAX, '\\$&');

/**
 * A test for the `equals-ignore-case` family. Like EventBridge, each character of the pattern
 * stands for its lower-case or its upper-case form; the event's value is not normalised. So
 * `Straße` accepts `STRASSE` (upper case of ß is SS) but `strasse` does not.
 */
export function caseInsensitiveTest(
  pattern: string,
  anchor: CaseInsensitiveAnchor,
): (text: string) => boolean {
  let source = '';
  for (const character of pattern) {
    const lower = character.toLowerCase();
    const upper = character.toUpperCase();
    source +=
      lower === upper
        ? escapeRegex(lower)
        : `(?:${escapeRegex(lower)}|${escapeRegex(upper)}|${escapeRegex(character)})`;
  }
  const expression = new RegExp(
    anchor === 'start' ? `^(?:${source})` : anchor === 'end' ? `(?:${source})$` : `^(?:${source})$`,
  );
  return (text) => expression.test(text);
}
