/**
 * Characters SQS accepts in message bodies and string attribute values: the characters XML 1.0
 * can carry (#x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF). Text the query
 * protocol echoes back must stay inside this set, or the XML answer would not parse.
 */
const NON_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NON_XML_CHARACTERS = new RegExp(NON_XML_CHARACTER.source, 'gu');

export const hasNonXmlCharacter = (text: string): boolean => NON_XML_CHARACTER.test(text);

/** `text` with every character XML cannot carry replaced by U+FFFD. */
export const replaceNonXmlCharacters = (text: string): string =>
  text.replace(NON_XML_CHARACTERS, '\uFFFD');

/** Tag keys and values: Unicode letters, digits and white space, and `_ . : / = + - @`. */
const TAG_TEXT = /^[\p{L}\p{N}\p{Z}\t\n\r _.:/=+\-@]*$/u;

export const TAG_LIMITS = { maximumKeyLength: 128, maximumValueLength: 256 } as const;

/** Why a tag is refused, or undefined when SQS accepts it. */
export function tagProblem(key: string, value: string): string | undefined {
  const keyLength = [...key].length;
  if (keyLength === 0 || keyLength > TAG_LIMITS.maximumKeyLength) {
    return `Tag keys must be 1 to ${TAG_LIMITS.maximumKeyLength} characters long.`;
  }
  if ([...value].length > TAG_LIMITS.maximumValueLength) {
    return `Tag values must be at most ${TAG_LIMITS.maximumValueLength} characters long.`;
  }
  if (!TAG_TEXT.test(key) || !TAG_TEXT.test(value)) {
    return 'Tag keys and values may contain only Unicode letters, digits, white space and _ . : / = + - @.';
  }
  if (key.startsWith('aws:')) return 'Tag keys may not start with the reserved prefix aws:.';
  return undefined;
}
