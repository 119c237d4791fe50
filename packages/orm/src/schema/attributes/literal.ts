import { InvalidDefinitionError } from '../../errors.js';
import { builder } from '../attribute.js';
import { type Codec, type KeyType, showValue } from '../codec.js';

/** A value a literal attribute may take. */
export type LiteralValue = string | number;

function literalCodec<TValue extends LiteralValue>(values: readonly TValue[]): Codec<TValue> {
  if (values.length === 0) {
    throw new InvalidDefinitionError('attr.literal() needs at least one allowed value');
  }
  for (const value of values) {
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new InvalidDefinitionError(
        `attr.literal() accepts strings and finite numbers, got ${showValue(value)}`,
      );
    }
  }
  const allowed = new Set<LiteralValue>(values);
  const strings = values.every((value) => typeof value === 'string');
  const numbers = values.every((value) => typeof value === 'number');
  // A key needs one DynamoDB type, so only all-string or all-number unions can be keys.
  const keyType: KeyType | undefined = strings ? 'S' : numbers ? 'N' : undefined;
  const listed = values.map((value) => JSON.stringify(value)).join(', ');
  return {
    kind: 'literal',
    check(value, path, issues) {
      if (allowed.has(value as LiteralValue)) return true;
      issues.add(path, 'literal', `must be one of ${listed}, got ${showValue(value)}`);
      return false;
    },
    marshal: (value) => (typeof value === 'string' ? { S: value } : { N: String(value) }),
    unmarshal(value) {
      const read = value.S ?? (value.N === undefined ? undefined : Number(value.N));
      return allowed.has(read as LiteralValue) ? (read as TValue) : undefined;
    },
    keyType,
    details: { values: [...values] },
  };
}

/** One of the given strings or numbers: `attr.literal('pending', 'active')`. */
export function literal<const TValues extends readonly LiteralValue[]>(...values: TValues) {
  return builder<'literal', TValues[number]>(literalCodec(values));
}

/** Same as `attr.literal`, from an array: `attr.enum(['pending', 'active'])`. */
export function enumOf<const TValues extends readonly LiteralValue[]>(values: TValues) {
  return builder<'literal', TValues[number]>(literalCodec(values));
}
