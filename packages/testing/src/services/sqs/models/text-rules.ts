/**
 * SQS accepts in message bodies and string attribute values only the characters XML 1.0 can carry:
 * text the query protocol echoes back must stay inside that set, or the XML answer would not parse.
 */
export { hasNonXmlCharacter } from '../../../edge/xml-text.js';

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
