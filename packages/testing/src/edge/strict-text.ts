const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as text, or undefined when its bytes are not UTF-8. Decoding leniently would turn
 * them into U+FFFD and store something the caller never sent; AWS refuses such requests.
 */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * True when every `%XX` escape of a form-encoded text decodes to UTF-8. `URLSearchParams`
 * would turn a stray `%FF` into U+FFFD; `decodeURIComponent` refuses it, as AWS does.
 */
export function isStrictFormEncoding(text: string): boolean {
  for (const pair of text.split('&')) {
    try {
      decodeURIComponent(pair.replaceAll('+', ' '));
    } catch {
      return false;
    }
  }
  return true;
}
