import { describe, expect, it } from 'vitest';
import { issuesOf, roundTrip, rulesFor, tableWith } from '../__tests__/helpers.js';
import * as attr from '../attr.js';
import type { AnyAttributeBuilder } from '../attribute.js';

const document = {
  city: 'Paris',
  zip: '75001',
  floors: [1, 2.5, -3],
  flags: { open: true, closed: false },
  nothing: null,
  nested: [{ deep: ['x', { deeper: 0 }] }],
  empty: {},
  emptyText: '',
};

describe('attr.json', () => {
  it('stores a native map of any JSON values and reads the same object back', () => {
    const { stored, read } = roundTrip(attr.json(), document);
    expect(read).toEqual(document);
    expect(stored).toMatchObject({
      M: {
        city: { S: 'Paris' },
        floors: { L: [{ N: '1' }, { N: '2.5' }, { N: '-3' }] },
        flags: { M: { open: { BOOL: true } } },
        nothing: { NULL: true },
      },
    });
  });

  it('drops undefined members, as JSON does', () => {
    expect(roundTrip(attr.json(), { a: 1, b: undefined }).read).toEqual({ a: 1 });
  });

  it('names every non-JSON value by its path', () => {
    const table = tableWith(attr.json());
    const issues = issuesOf(() =>
      table.parsePut({ id: 'x', value: { when: new Date(), list: [1, Number.NaN], fn: () => 1 } }),
    );
    expect(issues.map((issue) => [issue.path, issue.rule])).toEqual([
      ['value.when', 'json'],
      ['value.list[1]', 'json'],
      ['value.fn', 'json'],
    ]);
  });

  it('keeps a member named __proto__ as data, without touching prototypes', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
    const { stored, read } = roundTrip(attr.json(), value);
    expect(Object.keys((stored as { M: object }).M)).toEqual(['__proto__', 'ok']);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(JSON.stringify(read)).toBe('{"__proto__":{"polluted":true},"ok":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("stops at DynamoDB's nesting limit (32 levels with the attribute), and on cyclic values", () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let level = 0; level < 30; level++) deep = { next: deep };
    expect(roundTrip(attr.json(), deep).read).toEqual(deep);
    expect(rulesFor(attr.json(), { next: deep })).toEqual(['depth']);
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(rulesFor(attr.json(), cyclic)).toEqual(['depth']);
  });

  it('rejects numbers DynamoDB cannot store', () => {
    expect(rulesFor(attr.json(), { big: 1e200 })).toEqual(['range']);
  });

  it('requires an object at the top', () => {
    expect(rulesFor(attr.json(), [1, 2])).toEqual(['type']);
    expect(rulesFor(attr.json(), 'text')).toEqual(['type']);
  });
});

describe('attr.jsonString', () => {
  it('stores JSON text and reads back the parsed value', () => {
    const { stored, read } = roundTrip(attr.jsonString(), document);
    expect(stored).toEqual({ S: JSON.stringify(document) });
    expect(read).toEqual(document);
    expect(roundTrip(attr.jsonString(), [1, 'a', null]).read).toEqual([1, 'a', null]);
    expect(roundTrip(attr.jsonString(), 'plain').read).toBe('plain');
  });

  it('rejects values JSON cannot represent', () => {
    expect(rulesFor(attr.jsonString(), { big: 10n })).toEqual(['json']);
  });
});

describe('unreadable stored JSON', () => {
  /** The issues `fromItem` throws for a stored `value`, as `path:rule`. */
  const readIssues = (value: AnyAttributeBuilder, stored: unknown) =>
    issuesOf(() =>
      tableWith(value).fromItem({ id: { S: 'x' }, value: stored as { S: string } }),
    ).map((issue) => `${issue.path}:${issue.rule}`);

  it('corrupt JSON text is a storedType error, not a SyntaxError', () => {
    expect(readIssues(attr.jsonString(), { S: '{"open":' })).toEqual(['value:storedType']);
    expect(readIssues(attr.jsonStringList(), { L: [{ S: '1' }, { S: 'nope' }] })).toEqual([
      'value:storedType',
    ]);
  });

  it('binary stored inside JSON is a storedType error naming the exact path', () => {
    const bytes = new Uint8Array([1, 2]);
    expect(readIssues(attr.json(), { M: { file: { B: bytes } } })).toEqual([
      'value.file:storedType',
    ]);
    expect(readIssues(attr.json(), { M: { a: { L: [{ S: 'x' }, { BS: [bytes] }] } } })).toEqual([
      'value.a[1]:storedType',
    ]);
    expect(readIssues(attr.jsonList(), { L: [{ N: '1' }, { M: { b: { B: bytes } } }] })).toEqual([
      'value[1].b:storedType',
    ]);
  });

  it('binary given to a json attribute is named as such', () => {
    expect(
      issuesOf(() => tableWith(attr.json()).parsePut({ id: 'x', value: new Uint8Array([1]) })),
    ).toEqual([
      { path: 'value', rule: 'type', message: 'expected a JSON object, got a Uint8Array' },
    ]);
    expect(rulesFor(attr.json(), { file: new Uint8Array([1]) })).toEqual(['json']);
  });
});
