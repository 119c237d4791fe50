import { InvalidDefinitionError } from '../../errors.js';
import { builder } from '../attribute.js';
import { type Codec, typeIssue } from '../codec.js';
import { isPlainObject } from '../plain-object.js';

/** Options of `attr.compositeString()`. */
export interface CompositeStringOptions {
  /**
   * Text between parts (any length, no backslash). Default `'#'`. Inside a part, a backslash
   * and every character of the separator are escaped with a backslash, so any text round-trips
   * and two different values never store the same text. A one-character separator keeps stored
   * keys shortest and easiest to read.
   */
  readonly separator?: string;
}

/** The value of a composite string: one string per named part. */
export type CompositeParts<TParts extends readonly string[]> = { [K in TParts[number]]: string };

/** The escape character: a backslash makes the character after it part of the text. */
const ESCAPE = '\\';

/** Characters a part must escape: the backslash and every character of the separator. */
function specialCharacters(separator: string): RegExp {
  const listed = [...new Set(ESCAPE + separator)].map(
    (char) => `\\u{${char.codePointAt(0)?.toString(16)}}`,
  );
  return new RegExp(`[${listed.join('')}]`, 'gu');
}

/**
 * Escapes one part: a backslash goes before every backslash and every character of the
 * separator, not just before whole separators. With `::`, a part ending in `:` would otherwise
 * run into the next separator (`a:` + `::` + `b` reads back as `a` and `:b`); escaping each
 * character means an unescaped separator character only ever comes from a real separator, so
 * every value has exactly one stored text and every stored text one reading.
 */
export function escapePart(part: string, separator: string): string {
  return part.replace(specialCharacters(separator), (char) => ESCAPE + char);
}

/** Splits stored text into its unescaped parts. */
export function splitParts(text: string, separator: string): string[] {
  if (!text.includes(ESCAPE)) return text.split(separator);
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] === ESCAPE) {
      // Whatever character follows an escape is text; a dangling escape at the end is kept.
      const next = text.codePointAt(i + 1);
      const char = next === undefined ? ESCAPE : String.fromCodePoint(next);
      current += char;
      i += 1 + char.length;
    } else if (text.startsWith(separator, i)) {
      parts.push(current);
      current = '';
      i += separator.length;
    } else {
      current += text[i];
      i += 1;
    }
  }
  parts.push(current);
  return parts;
}

/** The composite codec; exposes `prefix()` for `beginsWith` queries on leading parts. */
export interface CompositeCodec<TParts extends readonly string[]>
  extends Codec<CompositeParts<TParts>> {
  /**
   * The stored text of the leading parts that are given, followed by the separator when parts
   * are missing: `prefix({ tenant: 't1' })` → `'t1#'`, for `beginsWith` key conditions.
   */
  prefix(parts: Partial<CompositeParts<TParts>>): string;
}

function compositeCodec<const TParts extends readonly string[]>(
  parts: TParts,
  separator: string,
): CompositeCodec<TParts> {
  if (parts.length === 0) {
    throw new InvalidDefinitionError('attr.compositeString() needs at least one part');
  }
  if (new Set(parts).size !== parts.length) {
    throw new InvalidDefinitionError(
      `attr.compositeString() has duplicate parts: ${parts.join(', ')}`,
    );
  }
  if (separator.length === 0 || separator.includes(ESCAPE)) {
    throw new InvalidDefinitionError(
      'attr.compositeString() separator must be non-empty and must not contain a backslash',
    );
  }
  type Value = CompositeParts<TParts>;
  const special = specialCharacters(separator);
  const escapeText = (part: string): string => {
    special.lastIndex = 0;
    return special.test(part) ? part.replace(special, (char) => ESCAPE + char) : part;
  };
  // Full values write every part; partial ones (prefix) stop after the last leading part given,
  // keeping its separator so `t1#` cannot match a tenant named `t10`.
  const encode = (value: Partial<Value>): string => {
    let text = '';
    for (let i = 0; i < parts.length; i++) {
      const part = (value as Record<string, string | undefined>)[parts[i] as string];
      if (part === undefined) return text;
      text += escapeText(part);
      if (i < parts.length - 1) text += separator;
    }
    return text;
  };
  return {
    kind: 'compositeString',
    check(value, path, issues) {
      if (!isPlainObject(value)) {
        return typeIssue(issues, path, `an object with parts ${parts.join(', ')}`, value);
      }
      let valid = true;
      for (const part of parts) {
        const member = value[part];
        if (typeof member !== 'string')
          valid = typeIssue(issues, `${path}.${part}`, 'a string', member);
      }
      for (const key in value) {
        if (!parts.includes(key)) {
          issues.add(`${path}.${key}`, 'unknownPart', `is not a part of ${parts.join(', ')}`);
          valid = false;
        }
      }
      return valid;
    },
    marshal: (value) => ({ S: encode(value) }),
    unmarshal(value) {
      if (value.S === undefined) return undefined;
      const found = splitParts(value.S, separator);
      if (found.length !== parts.length) return undefined;
      const result = {} as Record<string, string>;
      for (let i = 0; i < parts.length; i++) result[parts[i] as string] = found[i] as string;
      return result as Value;
    },
    keyType: 'S',
    details: { parts: [...parts], separator },
    prefix: (value) => encode(value),
  };
}

/**
 * Several string parts stored as one string, e.g. `attr.compositeString(['tenant', 'user_id'])`
 * holds `{ tenant: 't1', user_id: 'u-1' }` as `t1#u-1`. A backslash or any character of the
 * separator inside a part is escaped with a backslash, so UUIDs, hyphens and the separator itself
 * survive the round trip, and two different values never share a stored key.
 */
export function compositeString<const TParts extends readonly string[]>(
  parts: TParts,
  options?: CompositeStringOptions,
) {
  return builder<'compositeString', CompositeParts<TParts>>(
    compositeCodec(parts, options?.separator ?? '#'),
  );
}
