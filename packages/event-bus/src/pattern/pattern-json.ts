import { invalidPattern } from './errors.js';

/**
 * A JSON object read from pattern text with every key kept, in order, duplicates included.
 * EventBridge reads a pattern key by key and a later key that leads to the same field path
 * replaces the earlier one; `JSON.parse` would already have dropped the earlier one, losing the
 * distinction between `{"a": {"b": [1]}, "a": {"c": [2]}}` (both fields apply) and a plain
 * override.
 */
export class JsonObjectEntries {
  constructor(readonly entries: readonly (readonly [string, unknown])[]) {}
}

/** The key/value pairs of a pattern object (a plain object or one read from text), else undefined. */
export function objectEntries(node: unknown): readonly (readonly [string, unknown])[] | undefined {
  if (node instanceof JsonObjectEntries) return node.entries;
  if (typeof node === 'object' && node !== null && !Array.isArray(node))
    return Object.entries(node);
  return undefined;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Reads strict JSON (no comments, no trailing commas) into plain arrays and values, with objects
 * as {@link JsonObjectEntries}. Bad text is an InvalidEventPatternError naming the position.
 */
export function readPatternJson(text: string): unknown {
  let pos = 0;

  const fail = (what: string): never =>
    invalidPattern('', 'json-syntax', `the pattern is not valid JSON: ${what} at character ${pos}`);

  const skipWhitespace = () => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      pos++;
    }
  };

  const expectLiteral = (word: string, value: unknown): unknown => {
    if (!text.startsWith(word, pos)) fail(`unexpected "${text[pos]}"`);
    pos += word.length;
    return value;
  };

  const readString = (): string => {
    pos++; // opening quote
    let out = '';
    let start = pos;
    while (pos < text.length) {
      const c = text[pos] as string;
      if (c === '"') {
        out += text.slice(start, pos);
        pos++;
        return out;
      }
      if (c === '\\') {
        out += text.slice(start, pos);
        const escapeChar = text[pos + 1];
        if (escapeChar === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 6;
        } else {
          const decoded = escapeChar === undefined ? undefined : ESCAPES[escapeChar];
          if (decoded === undefined) fail('bad escape');
          out += decoded;
          pos += 2;
        }
        start = pos;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('control character in string');
      pos++;
    }
    return fail('unterminated string');
  };

  const readValue = (): unknown => {
    skipWhitespace();
    const c = text[pos];
    if (c === '{') return readObject();
    if (c === '[') return readArray();
    if (c === '"') return readString();
    if (c === 't') return expectLiteral('true', true);
    if (c === 'f') return expectLiteral('false', false);
    if (c === 'n') return expectLiteral('null', null);
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (match === null) return fail(c === undefined ? 'unexpected end' : `unexpected "${c}"`);
    pos += match[0].length;
    return Number(match[0]);
  };

  const readArray = (): unknown[] => {
    pos++;
    const items: unknown[] = [];
    skipWhitespace();
    if (text[pos] === ']') {
      pos++;
      return items;
    }
    for (;;) {
      items.push(readValue());
      skipWhitespace();
      const c = text[pos++];
      if (c === ']') return items;
      if (c !== ',') fail('expected "," or "]"');
    }
  };

  const readObject = (): JsonObjectEntries => {
    pos++;
    const entries: (readonly [string, unknown])[] = [];
    skipWhitespace();
    if (text[pos] === '}') {
      pos++;
      return new JsonObjectEntries(entries);
    }
    for (;;) {
      skipWhitespace();
      if (text[pos] !== '"') fail('expected a quoted key');
      const key = readString();
      skipWhitespace();
      if (text[pos++] !== ':') fail('expected ":"');
      entries.push([key, readValue()]);
      skipWhitespace();
      const c = text[pos++];
      if (c === '}') return new JsonObjectEntries(entries);
      if (c !== ',') fail('expected "," or "}"');
    }
  };

  const value = readValue();
  skipWhitespace();
  if (pos < text.length) fail('unexpected text after the pattern');
  return value;
}
