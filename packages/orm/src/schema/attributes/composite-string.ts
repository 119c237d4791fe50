import { InvalidDefinitionError } from '../../errors.js';
import { builder } from '../attribute.js';
import { type Codec, typeIssue } from '../codec.js';
import { isPlainObject } from '../plain-object.js';

/** Options of `attr.compositeString()`. */
export interface CompositeStringOptions {
  /** Text between parts. Default `'#'`. Occurrences inside a part are escaped, so any text round-trips. */
  readonly separator?: string;
}

/** The value of a composite string: one string per named part. */
export type CompositeParts<TParts extends readonly string[]> = { [K in TParts[number]]: string };

/** The escape character: a backslash before a separator (or a backslash) makes it part of the text. */
const ESCAPE = '\\';

/** Escapes the escape character and the separator inside one part. */
export function escapePart(part: string, separator: string): string {
  if (!part.includes(ESCAPE) && !part.includes(separator)) return part;
  return part
    .split(ESCAPE)
    .join(ESCAPE + ESCAPE)
    .split(separator)
    .join(ESCAPE + separator);
}

/** Splits stored text into its unescaped parts. */
export function splitParts(text: string, separator: string): string[] {
  if (!text.includes(ESCAPE)) return text.split(separator);
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; ) {
    const char = text[i] as string;
    if (char === ESCAPE) {
      const next = text[i + 1];
      if (next !== undefined && text.startsWith(separator, i + 1)) {
        current += separator;
        i += 1 + separator.length;
      } else {
        current += next ?? '';
        i += 2;
      }
    } else if (text.startsWith(separator, i)) {
      parts.push(current);
      current = '';
      i += separator.length;
    } else {
      current += char;
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
  // Full values write every part; partial ones (prefix) stop after the last leading part given,
  // keeping its separator so `t1#` cannot match a tenant named `t10`.
  const encode = (value: Partial<Value>): string => {
    let text = '';
    for (let i = 0; i < parts.length; i++) {
      const part = (value as Record<string, string | undefined>)[parts[i] as string];
      if (part === undefined) return text;
      text += escapePart(part, separator);
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
 * holds `{ tenant: 't1', user_id: 'u-1' }` as `t1#u-1`. A separator or backslash inside a part
 * is escaped with a backslash, so UUIDs, hyphens and the separator itself survive the round trip.
 */
export function compositeString<const TParts extends readonly string[]>(
  parts: TParts,
  options?: CompositeStringOptions,
) {
  return builder<'compositeString', CompositeParts<TParts>>(
    compositeCodec(parts, options?.separator ?? '#'),
  );
}
