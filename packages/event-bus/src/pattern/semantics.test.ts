/**
 * Behaviours that cut across operators: how absent fields, nulls, objects and values of an
 * unexpected type meet each kind of entry, and which borderline pattern forms are refused.
 */
import { describe, expect, it } from 'vitest';
import { matchesEventPattern, validateEventPattern } from './compile.js';
import { InvalidEventPatternError } from './errors.js';
import type { EventPattern } from './types.js';

const order = (item: Record<string, unknown>) => ({ source: 'shop', detail: { item } });
const onColour = (list: EventPattern[string]) => ({ detail: { item: { colour: list } } });

describe('anything-but, in every form', () => {
  const forms: EventPattern[string][] = [
    [{ 'anything-but': 'red' }],
    [{ 'anything-but': ['red', 'blue'] }],
    [{ 'anything-but': 7 }],
    [{ 'anything-but': { prefix: 're' } }],
    [{ 'anything-but': { suffix: ['ed', 'ue'] } }],
    [{ 'anything-but': { wildcard: 'r*' } }],
    [{ 'anything-but': { 'equals-ignore-case': ['RED'] } }],
  ];

  it('never matches a field the event lacks', () => {
    for (const list of forms) {
      expect(matchesEventPattern(onColour(list), order({ size: 'L' }))).toBe(false);
      expect(matchesEventPattern(onColour(list), order({}))).toBe(false);
    }
  });

  it('accepts null and values of another type than its operands', () => {
    for (const list of forms) {
      expect(matchesEventPattern(onColour(list), order({ colour: null }))).toBe(true);
      expect(matchesEventPattern(onColour(list), order({ colour: false }))).toBe(true);
    }
    expect(matchesEventPattern(onColour([{ 'anything-but': 7 }]), order({ colour: '7' }))).toBe(
      true,
    );
    expect(
      matchesEventPattern(onColour([{ 'anything-but': { prefix: '1' } }]), order({ colour: 12 })),
    ).toBe(true);
  });

  it('treats an empty list of prefixes, suffixes or wildcards as excluding nothing', () => {
    for (const operator of ['prefix', 'suffix', 'wildcard', 'equals-ignore-case']) {
      const pattern = onColour([{ 'anything-but': { [operator]: [] } }]);
      expect(() => validateEventPattern(pattern)).not.toThrow();
      expect(matchesEventPattern(pattern, order({ colour: 'red' }))).toBe(true);
    }
  });
});

describe('exists', () => {
  it('looks at leaf values only: a field holding an object counts as absent', () => {
    const event = order({ dimensions: { width: 3 } });
    const present = { detail: { item: { dimensions: [{ exists: true }] } } };
    const absent = { detail: { item: { dimensions: [{ exists: false }] } } };
    expect(matchesEventPattern(present, event)).toBe(false);
    expect(matchesEventPattern(absent, event)).toBe(true);
  });

  it('treats an empty list as no value and a deeper missing path as absent', () => {
    const event = { source: 'shop', tags: [], detail: { item: { name: 'cup' } } };
    expect(matchesEventPattern({ tags: [{ exists: true }] }, event)).toBe(false);
    expect(matchesEventPattern({ tags: [{ exists: false }] }, event)).toBe(true);
    const deep = { detail: { item: { name: { first: [{ exists: false }] } } } };
    expect(matchesEventPattern(deep, event)).toBe(true);
  });

  it('combines with other entries of the same list as alternatives', () => {
    const list = [{ 'anything-but': ['void'] }, { exists: false }];
    expect(matchesEventPattern(onColour(list), order({ colour: 'red' }))).toBe(true);
    expect(matchesEventPattern(onColour(list), order({ size: 'L' }))).toBe(true);
    expect(matchesEventPattern(onColour(list), order({ colour: 'void' }))).toBe(false);
  });
});

describe('value types', () => {
  it('numeric and anything-but read a number written as a string as a string', () => {
    const pattern = onColour([{ numeric: ['>', 100] }, { 'anything-but': '250' }]);
    expect(matchesEventPattern(pattern, order({ colour: '250' }))).toBe(false);
    expect(matchesEventPattern(pattern, order({ colour: 250 }))).toBe(true);
    expect(matchesEventPattern(pattern, order({ colour: '90' }))).toBe(true);
  });

  it('reads stars and backslashes in plain string entries literally', () => {
    const pattern = { detail: { glob: ['*'], slash: ['\\'] } };
    expect(matchesEventPattern(pattern, { detail: { glob: '*', slash: '\\' } })).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { glob: 'any', slash: '\\' } })).toBe(false);
  });

  it('matches field names case-sensitively', () => {
    expect(matchesEventPattern({ Colour: ['red'] }, { colour: 'red' })).toBe(false);
    expect(matchesEventPattern({ colour: ['red'] }, { colour: 'red' })).toBe(true);
  });

  it('a null entry matches only null, never an empty list or a missing field', () => {
    expect(matchesEventPattern({ tags: [null] }, { tags: [] })).toBe(false);
    expect(matchesEventPattern({ tags: [null] }, {})).toBe(false);
    expect(matchesEventPattern({ tags: [null] }, { tags: null })).toBe(true);
  });
});

describe('borderline pattern forms', () => {
  it.each([
    ['a number after "="', { a: [{ numeric: ['=', 5, '<', 6] }] }],
    ['two upper bounds', { a: [{ numeric: ['<=', 5, '<', 6] }] }],
    ['an empty numeric list', { a: [{ numeric: [] }] }],
    ['an anything-but number beyond five billion', { a: [{ 'anything-but': 6e9 }] }],
    ['an anything-but boolean', { a: [{ 'anything-but': true }] }],
    [
      'an anything-but wildcard with consecutive stars',
      { a: [{ 'anything-but': { wildcard: 'a**' } }] },
    ],
    [
      'an anything-but prefix list holding a number',
      { a: [{ 'anything-but': { prefix: ['a', 1] } }] },
    ],
    [
      'an anything-but suffix inside equals-ignore-case',
      { a: [{ 'anything-but': { suffix: { 'equals-ignore-case': 'x' } } }] },
    ],
    ['exists null', { a: [{ exists: null }] }],
    [
      'a second key beside equals-ignore-case in a prefix',
      { a: [{ prefix: { 'equals-ignore-case': 'a', x: 'b' } }] },
    ],
    ['an IPv6 mask above 128', { a: [{ cidr: '2001:db8::/129' }] }],
    ['an empty $or list', { $or: [] }],
    ['a list inside $or', { $or: [['a'], { b: ['c'] }] }],
    ['an empty pattern', {}],
    ['a value that is not a finite number', { a: [Number.NaN] }],
    ['an infinite value', { a: [1, Number.POSITIVE_INFINITY] }],
  ])('rejects %s', (_, pattern) => {
    expect(() => validateEventPattern(pattern)).toThrow(InvalidEventPatternError);
  });

  // Each accepted form also decides: one event it matches, one it does not.
  it.each([
    [
      '$or nested in $or',
      { $or: [{ $or: [{ a: ['1'] }, { b: ['2'] }] }, { c: ['3'] }] },
      { b: '2' },
      { b: '1' },
    ],
    ['an empty prefix or suffix', { a: [{ prefix: '' }, { suffix: '' }] }, { a: 'any' }, { a: 1 }],
    [
      'an empty anything-but wildcard',
      { a: [{ 'anything-but': { wildcard: '' } }] },
      { a: 'x' },
      { a: '' },
    ],
    [
      'a bound at five billion',
      { a: [{ numeric: ['>=', -5e9, '<=', 5e9] }] },
      { a: 5e9 },
      { a: 5e9 + 1 },
    ],
    [
      'a number too large for numeric matching, as a literal',
      { account: [123456789012] },
      { account: 123456789012 },
      { account: 123456789013 },
    ],
  ])('accepts %s, and it decides', (_, pattern, matching, other) => {
    expect(validateEventPattern(pattern)).toBeUndefined();
    expect([matchesEventPattern(pattern, matching), matchesEventPattern(pattern, other)]).toEqual([
      true,
      false,
    ]);
  });
});
