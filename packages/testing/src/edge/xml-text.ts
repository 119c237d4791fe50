/**
 * The characters XML 1.0 can carry (#x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD |
 * #x10000-#x10FFFF); not even a character reference can stand for any other.
 */
const NON_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NON_XML_CHARACTERS = new RegExp(NON_XML_CHARACTER.source, 'gu');

export const hasNonXmlCharacter = (text: string): boolean => NON_XML_CHARACTER.test(text);

/**
 * Escapes text content; carriage returns are kept as references so parsers don't fold them.
 * Characters XML 1.0 cannot carry at all become U+FFFD. Input checks keep them out of stored
 * data; this guards echoed request text, as in error messages.
 */
export function escapeXml(text: string): string {
  return text.replace(NON_XML_CHARACTERS, '\uFFFD').replace(/[&<>"'\r]/g, (character) => {
    switch (character) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return '&#xD;';
    }
  });
}
