import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { InvalidDefinitionError } from '../../errors.js';
import { builder } from '../attribute.js';
import { type Codec, showValue, typeIssue } from '../codec.js';

/** How a datetime is stored. */
export type DatetimeStorage = 'iso' | 'epochSeconds';

/** Options of `attr.datetime()`. */
export interface DatetimeOptions {
  /**
   * `'iso'` (default): ISO-8601 UTC text with milliseconds (`2026-01-31T12:00:00.000Z`), which
   * sorts chronologically, so it works as a sort key. `'epochSeconds'`: a number of whole seconds
   * since 1970, the format DynamoDB's time to live requires. Milliseconds are dropped (rounded
   * down to the second) when a put validates the item, so the item a put returns is the one a
   * later read returns.
   */
  readonly storage?: DatetimeStorage;
}

/** The whole second a time falls in: what epoch-seconds storage keeps. */
function toWholeSecond(value: Date): Date {
  const time = value.getTime();
  return time % 1000 === 0 ? value : new Date(Math.floor(time / 1000) * 1000);
}

function readDate(time: number | string | undefined): Date | undefined {
  if (time === undefined) return undefined;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The codec of one storage: ISO text (`S`) or epoch seconds (`N`). */
function datetimeCodec(storage: DatetimeStorage): Codec<Date> {
  const epoch = storage === 'epochSeconds';
  return {
    kind: 'datetime',
    check(value, path, issues) {
      if (!(value instanceof Date)) return typeIssue(issues, path, 'a Date', value);
      if (!Number.isNaN(value.getTime())) return true;
      issues.add(path, 'invalidDate', 'is an invalid Date');
      return false;
    },
    ...(epoch && { normalize: toWholeSecond }),
    marshal: epoch
      ? (value) => ({ N: String(Math.floor(value.getTime() / 1000)) })
      : (value) => ({ S: value.toISOString() }),
    unmarshal: epoch
      ? (value: AttributeValue) =>
          value.N === undefined ? undefined : readDate(Number(value.N) * 1000)
      : (value: AttributeValue) => readDate(value.S),
    keyType: epoch ? 'N' : 'S',
    details: { storage },
  };
}

/** A point in time, a `Date` in TypeScript; see `DatetimeOptions.storage` for how it is stored. */
export function datetime(options?: DatetimeOptions) {
  const storage = options?.storage ?? 'iso';
  if (storage !== 'iso' && storage !== 'epochSeconds') {
    throw new InvalidDefinitionError(
      `attr.datetime() storage must be 'iso' or 'epochSeconds', got ${showValue(storage)}`,
    );
  }
  return builder<'datetime', Date>(datetimeCodec(storage));
}
