import { InvalidDefinitionError } from '../../errors.js';
import { builder } from '../attribute.js';
import { type Codec, describeType } from '../codec.js';

/** How a datetime is stored. */
export type DatetimeStorage = 'iso' | 'epochSeconds';

/** Options of `attr.datetime()`. */
export interface DatetimeOptions {
  /**
   * `'iso'` (default): ISO-8601 UTC text with milliseconds (`2026-01-31T12:00:00.000Z`), which
   * sorts chronologically, so it works as a sort key. `'epochSeconds'`: a number of whole seconds
   * since 1970 (milliseconds are dropped), the format DynamoDB's time to live requires.
   */
  readonly storage?: DatetimeStorage;
}

function checkDate(value: unknown, path: string, issues: Parameters<Codec['check']>[2]): boolean {
  if (!(value instanceof Date)) {
    issues.add(path, 'type', `expected a Date, got ${describeType(value)}`);
    return false;
  }
  if (Number.isNaN(value.getTime())) {
    issues.add(path, 'invalidDate', 'is an invalid Date');
    return false;
  }
  return true;
}

function readDate(time: number | string | undefined): Date | undefined {
  if (time === undefined) return undefined;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const isoCodec: Codec<Date> = {
  kind: 'datetime',
  check: checkDate,
  marshal: (value) => ({ S: value.toISOString() }),
  unmarshal: (value) => readDate(value.S),
  keyType: 'S',
  nested: 'none',
  details: { storage: 'iso' },
};

const epochSecondsCodec: Codec<Date> = {
  kind: 'datetime',
  check: checkDate,
  marshal: (value) => ({ N: String(Math.floor(value.getTime() / 1000)) }),
  unmarshal: (value) => (value.N === undefined ? undefined : readDate(Number(value.N) * 1000)),
  keyType: 'N',
  nested: 'none',
  details: { storage: 'epochSeconds' },
};

/** A point in time, a `Date` in TypeScript; see `DatetimeOptions.storage` for how it is stored. */
export function datetime(options?: DatetimeOptions) {
  const storage = options?.storage ?? 'iso';
  if (storage !== 'iso' && storage !== 'epochSeconds') {
    throw new InvalidDefinitionError(
      `attr.datetime() storage must be 'iso' or 'epochSeconds', got ${JSON.stringify(storage)}`,
    );
  }
  return builder<'datetime', Date>(storage === 'epochSeconds' ? epochSecondsCodec : isoCodec);
}
