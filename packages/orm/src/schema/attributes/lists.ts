import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { builder } from '../attribute.js';
import { type Codec, typeIssue } from '../codec.js';
import { IssueSink, inMember } from '../issues.js';
import type { JsonValue } from '../json-value.js';
import { jsonTextCodec, jsonValueCodec } from './json.js';
import { numberCodec } from './number.js';
import { stringCodec } from './string.js';

/** Issues of the path-free first pass, discarded (checks are synchronous, so one is enough). */
const scratch = /* @__PURE__ */ new IssueSink();

/** A list codec (`L`) whose items all use `item`. Lists may be empty. */
function listCodec<TItem>(
  kind: 'stringList' | 'numberList' | 'jsonList' | 'jsonStringList',
  item: Codec<TItem>,
): Codec<TItem[]> {
  return {
    kind,
    check(value, path, issues) {
      if (!Array.isArray(value)) return typeIssue(issues, path, 'an array', value);
      // Check without building item paths first; only an invalid list pays for them.
      let valid = true;
      for (let i = 0; i < value.length && valid; i++) valid = item.check(value[i], path, scratch);
      scratch.list = undefined;
      if (valid) return true;
      for (let i = 0; i < value.length; i++) item.check(value[i], `${path}[${i}]`, issues);
      return false;
    },
    marshal(value) {
      const list = new Array<AttributeValue>(value.length);
      for (let i = 0; i < value.length; i++) {
        list[i] = item.marshal(value[i] as TItem) as AttributeValue;
      }
      return { L: list };
    },
    unmarshal(value) {
      const stored = value.L;
      if (stored === undefined) return undefined;
      const list = new Array<TItem>(stored.length);
      for (let i = 0; i < stored.length; i++) {
        let member: TItem | undefined;
        try {
          member = item.unmarshal(stored[i] as AttributeValue);
        } catch (error) {
          throw inMember(error, `[${i}]`);
        }
        if (member === undefined) return undefined;
        list[i] = member;
      }
      return list;
    },
    items: item as Codec,
    element: item as Codec,
  };
}

/** A list of strings (`L` of `S`). */
export function stringList() {
  return builder<'stringList', string[]>(listCodec('stringList', stringCodec()));
}

/** A list of numbers (`L` of `N`), read back as numbers. */
export function numberList() {
  return builder<'numberList', number[]>(listCodec('numberList', numberCodec()));
}

/** A list of JSON values stored natively (`L` of `M`/`L`/`S`/…), addressable by path (`items[0].sku`). */
export function jsonList<TElement = JsonValue>() {
  return builder<'jsonList', TElement[]>(
    listCodec('jsonList', jsonValueCodec as unknown as Codec<TElement>),
  );
}

/** A list of JSON values, each stored as JSON text (`L` of `S`). */
export function jsonStringList<TElement = JsonValue>() {
  return builder<'jsonStringList', TElement[]>(
    listCodec('jsonStringList', jsonTextCodec as unknown as Codec<TElement>),
  );
}
