import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from '../compile.js';
import type { EventPattern } from '../types.js';

/** Matches `{ value: <list> }` against `{ value: <actual> }`. */
const field = (list: EventPattern[string], actual: unknown) =>
  matchesEventPattern({ value: list }, { value: actual });

describe('exact values', () => {
  it('compares strings character by character, without case folding', () => {
    expect(field(['Alice'], 'Alice')).toBe(true);
    expect(field(['Alice'], 'alice')).toBe(false);
    expect(field(['a '], 'a')).toBe(false);
    expect(field([''], '')).toBe(true);
  });

  it('compares numbers numerically: 300 matches 300.0 and 3e2, not "300"', () => {
    expect(field([300], 300.0)).toBe(true);
    expect(field([3e2], 300)).toBe(true);
    expect(field([300], '300')).toBe(false);
    expect(field([123456789012], 123456789012)).toBe(true);
  });

  it('keeps true, false and null apart from their string spellings', () => {
    expect(field([false], false)).toBe(true);
    expect(field([false], 'false')).toBe(false);
    expect(field([null], null)).toBe(true);
    expect(field([null], 'null')).toBe(false);
    expect(field([null], undefined)).toBe(false);
  });

  it('matches any spelling of the same IP address', () => {
    expect(field(['2001:db8::1'], '2001:0db8:0000:0000:0000:0000:0000:0001')).toBe(true);
    expect(field(['10.0.0.1'], '10.0.0.1')).toBe(true);
    expect(field(['10.0.0.1'], '10.0.0.2')).toBe(false);
  });

  it('matches when any entry of the list matches', () => {
    expect(field(['a', 'b', { prefix: 'zz' }], 'b')).toBe(true);
    expect(field(['a', 'b'], 'c')).toBe(false);
  });
});

describe('prefix, suffix and equals-ignore-case', () => {
  it('prefix and suffix match only strings', () => {
    expect(field([{ prefix: 'us-' }], 'us-east-1')).toBe(true);
    expect(field([{ prefix: 'us-' }], 'eu-west-1')).toBe(false);
    expect(field([{ prefix: '1' }], 12)).toBe(false);
    expect(field([{ suffix: '.png' }], 'a.png')).toBe(true);
    expect(field([{ suffix: '.png' }], 'a.PNG')).toBe(false);
  });

  it('fold case when wrapped in equals-ignore-case', () => {
    expect(field([{ prefix: { 'equals-ignore-case': 'EventB' } }], 'eVENTbridge')).toBe(true);
    expect(field([{ suffix: { 'equals-ignore-case': '.png' } }], 'IMAGE.PNG')).toBe(true);
    expect(field([{ suffix: { 'equals-ignore-case': '.png' } }], 'image.jpg')).toBe(false);
    expect(field([{ 'equals-ignore-case': 'alice' }], 'ALICE')).toBe(true);
    expect(field([{ 'equals-ignore-case': 'alice' }], 'alicia')).toBe(false);
    expect(field([{ 'equals-ignore-case': '' }], '')).toBe(true);
  });
});

describe('wildcard', () => {
  it('matches any run of characters, including none', () => {
    expect(field([{ wildcard: '*.png' }], 'a.png')).toBe(true);
    expect(field([{ wildcard: '*.png' }], '.png')).toBe(true);
    expect(field([{ wildcard: 'a*b*c' }], 'abc')).toBe(true);
    expect(field([{ wildcard: 'a*b*c' }], 'axxbyyc')).toBe(true);
    expect(field([{ wildcard: 'a*b*c' }], 'axxcyyb')).toBe(false);
    expect(field([{ wildcard: '/Users/*/doc.txt' }], '/Users/x/dir/dir/doc.txt')).toBe(true);
    expect(field([{ wildcard: 'ab*ba' }], 'aba')).toBe(false);
  });

  it('treats escaped stars and backslashes literally', () => {
    expect(field([{ wildcard: 'a\\*b' }], 'a*b')).toBe(true);
    expect(field([{ wildcard: 'a\\*b' }], 'axb')).toBe(false);
    expect(field([{ wildcard: 'a\\\\b' }], 'a\\b')).toBe(true);
  });

  it('matches only strings', () => {
    expect(field([{ wildcard: '*' }], 5)).toBe(false);
    expect(field([{ wildcard: '*' }], '')).toBe(true);
  });
});

describe('anything-but', () => {
  it('excludes single values and lists of strings or numbers', () => {
    expect(field([{ 'anything-but': 'initializing' }], 'running')).toBe(true);
    expect(field([{ 'anything-but': 'initializing' }], 'initializing')).toBe(false);
    expect(field([{ 'anything-but': ['stopped', 'overloaded'] }], 'stopped')).toBe(false);
    expect(field([{ 'anything-but': 123 }], 123.0)).toBe(false);
    expect(field([{ 'anything-but': [100, 200] }], 150)).toBe(true);
    expect(field([{ 'anything-but': [100, 200] }], '100')).toBe(true);
  });

  it('matches values of other types, including null, but never a missing field', () => {
    expect(field([{ 'anything-but': 'x' }], null)).toBe(true);
    expect(field([{ 'anything-but': 'x' }], 7)).toBe(true);
    expect(matchesEventPattern({ value: [{ 'anything-but': 'x' }] }, {})).toBe(false);
  });

  it('applies prefix, suffix, wildcard and equals-ignore-case, singly or as lists', () => {
    expect(field([{ 'anything-but': { prefix: 'init' } }], 'initializing')).toBe(false);
    expect(field([{ 'anything-but': { prefix: ['a', 'b'] } }], 'cat')).toBe(true);
    expect(field([{ 'anything-but': { prefix: 'init' } }], 12)).toBe(true);
    expect(field([{ 'anything-but': { suffix: '.txt' } }], 'a.txt')).toBe(false);
    expect(field([{ 'anything-but': { suffix: ['.txt', '.jpg'] } }], 'a.png')).toBe(true);
    expect(field([{ 'anything-but': { wildcard: '*/lib/*' } }], 'a/lib/b')).toBe(false);
    expect(field([{ 'anything-but': { wildcard: ['*/lib/*', '*.jar'] } }], 'a/bin/b')).toBe(true);
    expect(field([{ 'anything-but': { 'equals-ignore-case': 'Stopped' } }], 'STOPPED')).toBe(false);
    expect(field([{ 'anything-but': { 'equals-ignore-case': ['a', 'b'] } }], 'C')).toBe(true);
  });
});

describe('numeric', () => {
  it('compares JSON numbers against bounds', () => {
    expect(field([{ numeric: ['>', 0, '<=', 5] }], 5)).toBe(true);
    expect(field([{ numeric: ['>', 0, '<=', 5] }], 0)).toBe(false);
    expect(field([{ numeric: ['>=', 0, '<', 5] }], 0)).toBe(true);
    expect(field([{ numeric: ['>=', 0, '<', 5] }], 5)).toBe(false);
    expect(field([{ numeric: ['<', 10] }], -3.5)).toBe(true);
    expect(field([{ numeric: ['<=', 10] }], 10)).toBe(true);
    expect(field([{ numeric: ['>', 100] }], 101.0)).toBe(true);
    expect(field([{ numeric: ['=', 3.018e2] }], 301.8)).toBe(true);
    expect(field([{ numeric: ['=', 301.8] }], 301.80000001)).toBe(true);
  });

  it('never matches strings, null or numbers beyond five billion', () => {
    expect(field([{ numeric: ['>', 100] }], '300')).toBe(false);
    expect(field([{ numeric: ['>', 100] }], null)).toBe(false);
    expect(field([{ numeric: ['>', 100] }], 6e9)).toBe(false);
  });
});

describe('exists', () => {
  it('checks for a leaf value (null counts, objects and empty lists do not)', () => {
    const exists = { value: [{ exists: true }] };
    const absent = { value: [{ exists: false }] };
    expect(matchesEventPattern(exists, { value: 'x' })).toBe(true);
    expect(matchesEventPattern(exists, { value: null })).toBe(true);
    expect(matchesEventPattern(exists, { value: { nested: 1 } })).toBe(false);
    expect(matchesEventPattern(exists, { value: [] })).toBe(false);
    expect(matchesEventPattern(absent, {})).toBe(true);
    expect(matchesEventPattern(absent, { value: [] })).toBe(true);
    expect(matchesEventPattern(absent, { value: { nested: 1 } })).toBe(true);
    expect(matchesEventPattern(absent, { value: null })).toBe(false);
  });
});

describe('cidr', () => {
  it('matches IPv4 and IPv6 addresses inside the block', () => {
    expect(field([{ cidr: '10.0.0.0/24' }], '10.0.0.255')).toBe(true);
    expect(field([{ cidr: '10.0.0.0/24' }], '10.0.1.0')).toBe(false);
    expect(field([{ cidr: '10.0.0.0/8' }], '10.255.3.4')).toBe(true);
    expect(field([{ cidr: '2001:db8:1234:1a00::/64' }], '2001:db8:1234:1a00:ffff::1')).toBe(true);
    expect(field([{ cidr: '2001:db8:1234:1a00::/64' }], '2001:db8:1234:1a01::')).toBe(false);
  });

  it('ignores values that are not IP addresses or of the other family', () => {
    expect(field([{ cidr: '10.0.0.0/24' }], 'hello')).toBe(false);
    expect(field([{ cidr: '10.0.0.0/24' }], 167772160)).toBe(false);
    expect(field([{ cidr: '0.0.0.0/0' }], '::1')).toBe(false);
  });
});

describe('case-insensitive operators', () => {
  it('let each pattern character stand for its lower or upper case, without normalising the event', () => {
    expect(field([{ 'equals-ignore-case': 'Straße' }], 'STRASSE')).toBe(true);
    expect(field([{ 'equals-ignore-case': 'Straße' }], 'strasse')).toBe(false);
    expect(field([{ 'equals-ignore-case': 'a.b' }], 'A.B')).toBe(true);
    expect(field([{ 'equals-ignore-case': 'a.b' }], 'AxB')).toBe(false);
    expect(field([{ prefix: { 'equals-ignore-case': '(x' } }], '(X)')).toBe(true);
    expect(field([{ 'anything-but': { 'equals-ignore-case': ['Ünïcode'] } }], 'üNÏCODE')).toBe(
      false,
    );
  });
});
