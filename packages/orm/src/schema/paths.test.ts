import { describe, expect, it } from 'vitest';
import { issuesOf } from './__tests__/helpers.js';
import * as attr from './attr.js';
import { defineTable } from './define-table.js';
import { parsePath } from './paths.js';

const Profiles = defineTable({
  name: 'profiles',
  partitionKey: 'id',
  attributes: {
    id: attr.string(),
    age: attr.number({ min: 0 }).validate((value) => value < 200, 'plausible'),
    address: attr.json<{ city: string; lines: string[] }>(),
    items: attr.jsonList(),
    tags: attr.stringList(),
    scores: attr.numberSet(),
    labels: attr.stringSet(),
    settings: attr.jsonString(),
    name: attr.string(),
  },
});

describe('parsePath', () => {
  it('splits attribute name, members and indexes', () => {
    expect(parsePath('items[2].sku')).toEqual({
      name: 'items',
      segments: [{ index: 2 }, { member: 'sku' }],
    });
    expect(parsePath('status')).toEqual({ name: 'status', segments: [] });
  });

  it('rejects malformed paths', () => {
    for (const path of ['', '.a', 'a.', 'a[x]', 'a[1', 'a..b', '[0]'])
      expect(parsePath(path)).toBeUndefined();
  });
});

describe('toValue', () => {
  it('marshals a top-level value with its type and custom rules', () => {
    expect(Profiles.toValue('age', 30)).toEqual({ N: '30' });
    expect(issuesOf(() => Profiles.toValue('age', 300))).toEqual([
      { path: 'age', rule: 'plausible', message: "failed the 'plausible' rule" },
    ]);
    expect(issuesOf(() => Profiles.toValue('age', 'old')).map((issue) => issue.rule)).toEqual([
      'type',
    ]);
    expect(Profiles.toValue('labels', new Set(['a']))).toEqual({ SS: ['a'] });
  });

  it('marshals JSON values inside json attributes and json lists', () => {
    expect(Profiles.toValue('address.city', 'Oslo')).toEqual({ S: 'Oslo' });
    expect(Profiles.toValue('address.lines[1]', ['x'])).toEqual({ L: [{ S: 'x' }] });
    expect(Profiles.toValue('items[0]', { sku: 'a' })).toEqual({ M: { sku: { S: 'a' } } });
    expect(Profiles.toValue('items[0].qty', 2)).toEqual({ N: '2' });
    expect(issuesOf(() => Profiles.toValue('address.when', new Date())).map((i) => i.rule)).toEqual(
      ['json'],
    );
  });

  it('checks list elements against the element type', () => {
    expect(Profiles.toValue('tags[3]', 'x')).toEqual({ S: 'x' });
    expect(issuesOf(() => Profiles.toValue('tags[3]', 3)).map((i) => i.rule)).toEqual(['type']);
  });

  it('rejects unknown attributes, bad paths and paths into unaddressable types', () => {
    expect(issuesOf(() => Profiles.toValue('ghost', 1)).map((i) => i.rule)).toEqual([
      'unknownAttribute',
    ]);
    expect(issuesOf(() => Profiles.toValue('age..x', 1)).map((i) => i.rule)).toEqual(['path']);
    expect(issuesOf(() => Profiles.toValue(7 as never, 1)).map((i) => i.rule)).toEqual(['path']);
    expect(issuesOf(() => Profiles.toValue('settings.theme', 'dark')).map((i) => i.rule)).toEqual([
      'path',
    ]);
    expect(issuesOf(() => Profiles.toValue('tags.first', 'x')).map((i) => i.rule)).toEqual([
      'path',
    ]);
    expect(issuesOf(() => Profiles.toValue('tags[0].x', 'x')).map((i) => i.rule)).toEqual(['path']);
  });

  it('checks only the type of a compared value when rules are off', () => {
    const Stock = defineTable({
      name: 'stock',
      partitionKey: 'sku',
      attributes: {
        sku: attr.string({ minLength: 3, pattern: /^SKU-/ }),
        qty: attr.number({ min: 1, integer: true }).validate((value) => value < 100, 'small'),
      },
    });
    // Written values keep every rule.
    expect(issuesOf(() => Stock.toValue('qty', 0)).map((i) => i.rule)).toEqual(['min']);
    expect(issuesOf(() => Stock.toValue('qty', 500)).map((i) => i.rule)).toEqual(['small']);
    expect(issuesOf(() => Stock.toValue('sku', 'X')).map((i) => i.rule)).toEqual([
      'minLength',
      'pattern',
    ]);
    // Compared values only need the right type: `qty >= 0`, `qty < 500`, `beginsWith 'S'`.
    expect(Stock.toValue('qty', 0, { rules: false })).toEqual({ N: '0' });
    expect(Stock.toValue('qty', 0.5, { rules: false })).toEqual({ N: '0.5' });
    expect(Stock.toValue('qty', 500, { rules: false })).toEqual({ N: '500' });
    expect(Stock.toValue('sku', 'S', { rules: false })).toEqual({ S: 'S' });
    expect(issuesOf(() => Stock.toValue('qty', '1', { rules: false })).map((i) => i.rule)).toEqual([
      'type',
    ]);
    expect(
      issuesOf(() => Stock.toValue('qty', Number.NaN, { rules: false })).map((i) => i.rule),
    ).toEqual(['finite']);
    expect(issuesOf(() => Stock.toValue('qty', 0, { rules: true })).map((i) => i.rule)).toEqual([
      'min',
    ]);
  });

  it('refuses undefined and empty sets', () => {
    expect(issuesOf(() => Profiles.toValue('age', undefined)).map((i) => i.rule)).toEqual([
      'required',
    ]);
    expect(issuesOf(() => Profiles.toValue('labels', new Set())).map((i) => i.rule)).toEqual([
      'emptySet',
    ]);
  });
});

describe('toElementValue', () => {
  it('marshals one member of a set or list, or a substring of a string', () => {
    expect(Profiles.toElementValue('labels', 'a')).toEqual({ S: 'a' });
    expect(Profiles.toElementValue('scores', 2)).toEqual({ N: '2' });
    expect(Profiles.toElementValue('tags', 'x')).toEqual({ S: 'x' });
    expect(Profiles.toElementValue('items', { a: 1 })).toEqual({ M: { a: { N: '1' } } });
    expect(Profiles.toElementValue('name', 'Ad')).toEqual({ S: 'Ad' });
    expect(Profiles.toElementValue('address.lines', 'x')).toEqual({ S: 'x' });
  });

  it('checks the member type and rejects types without members', () => {
    expect(issuesOf(() => Profiles.toElementValue('scores', 'x')).map((i) => i.rule)).toEqual([
      'type',
    ]);
    expect(issuesOf(() => Profiles.toElementValue('age', 1)).map((i) => i.rule)).toEqual(['path']);
  });
});
