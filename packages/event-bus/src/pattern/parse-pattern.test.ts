import { describe, expect, it } from 'vitest';
import { matchesEventPattern, validateEventPattern } from './compile.js';
import { InvalidEventPatternError } from './errors.js';

/** The error a pattern raises (fails the test when it raises none). */
function rejection(pattern: unknown): InvalidEventPatternError {
  try {
    validateEventPattern(pattern);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(pattern)} to be rejected`);
}

describe('validateEventPattern', () => {
  it('accepts the documented forms, each deciding a matching and a non-matching event', () => {
    const valid: [pattern: unknown, matching: unknown, other: unknown][] = [
      [
        { source: ['aws.ec2'], detail: { state: ['running', 'stopped'] } },
        { source: 'aws.ec2', detail: { state: 'stopped' } },
        { source: 'aws.ec2', detail: { state: 'pending' } },
      ],
      [
        { detail: { n: [{ numeric: ['>', 0, '<=', 5] }, { numeric: ['=', 301.8] }] } },
        { detail: { n: 301.8 } },
        { detail: { n: 0 } },
      ],
      [
        { detail: { a: [{ 'anything-but': { prefix: 'x' } }, { 'anything-but': ['a', 'b'] }] } },
        { detail: { a: 'a' } },
        // anything-but never matches an absent field
        { detail: {} },
      ],
      [
        { detail: { a: [{ wildcard: 'a\\*b*' }, { cidr: '2001:db8::/32' }, { exists: false }] } },
        { detail: { a: 'a*bc' } },
        { detail: { a: 'axbc' } },
      ],
      [
        { a: [{ wildcard: '*:*:*' }, { wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }] },
        { a: '/Users/ada/dir/dir/dir/dir/dir/doc.txt' },
        { a: 'one:two' },
      ],
      [{ detail: { a: [null, true, 1.5, ''] } }, { detail: { a: '' } }, { detail: { a: false } }],
      [{ $or: [{ a: ['1'] }, { b: { c: [{ prefix: '' }] } }] }, { b: { c: 'z' } }, { a: '2' }],
      ['{"detail": {"state": ["running"]}}', { detail: { state: 'running' } }, { detail: {} }],
    ];
    for (const [pattern, matching, other] of valid) {
      expect(validateEventPattern(pattern)).toBeUndefined();
      expect(
        [
          matchesEventPattern(pattern as string, matching),
          matchesEventPattern(pattern as string, other),
        ],
        JSON.stringify(pattern),
      ).toEqual([true, false]);
    }
  });

  it('names the key path and the rule in its message', () => {
    const error = rejection({ detail: { state: [{ 'anything-but': [true] }] } });
    expect(error.code).toBe('INVALID_EVENT_PATTERN');
    expect(error.path).toBe('detail.state[0].anything-but[0]');
    expect(error.rule).toBe('anything-but-operand');
    expect(error.message).toContain('"detail.state[0].anything-but[0]"');
    expect(error.message).toContain('anything-but-operand');
  });

  it.each([
    ['a top-level list', [], '', 'pattern-object'],
    ['JSON text that does not parse', '{"a": [1,]}', '', 'json-syntax'],
    ['an empty object', { detail: {} }, 'detail', 'empty-object'],
    ['a value without its list', { int: 42 }, 'int', 'field-value-type'],
    ['an empty value list', { resources: [] }, 'resources', 'empty-array'],
    ['a list inside a value list', { a: [['x']] }, 'a[0]', 'value-type'],
    ['an unknown operator', { a: [{ regex: 'x' }] }, 'a[0].regex', 'unknown-operator'],
    ['an operator in the wrong case', { a: [{ PREFIX: 'x' }] }, 'a[0].PREFIX', 'unknown-operator'],
    [
      'two operators in one object',
      { a: [{ prefix: 'x', suffix: 'y' }] },
      'a[0]',
      'operator-single-key',
    ],
    ['an empty operator object', { a: [{}] }, 'a[0]', 'operator-missing'],
    ['a prefix list', { a: [{ prefix: ['x'] }] }, 'a[0].prefix', 'operand-type'],
    ['a numeric suffix', { a: [{ suffix: 1 }] }, 'a[0].suffix', 'operand-type'],
    [
      'a prefix with another operator inside',
      { a: [{ prefix: { wildcard: 'x' } }] },
      'a[0].prefix.wildcard',
      'unknown-operator',
    ],
    [
      'equals-ignore-case with a list',
      { a: [{ 'equals-ignore-case': ['x'] }] },
      'a[0].equals-ignore-case',
      'operand-type',
    ],
    ['a wildcard number', { a: [{ wildcard: 1 }] }, 'a[0].wildcard', 'operand-type'],
    ['consecutive wildcards', { a: [{ wildcard: 'a**b' }] }, 'a[0].wildcard', 'wildcard-syntax'],
    ['an unknown escape', { a: [{ wildcard: 'a\\b' }] }, 'a[0].wildcard', 'wildcard-syntax'],
    ['too many wildcards', { a: [{ wildcard: '*:*:*:*:*:x/*' }] }, 'a', 'wildcard-complexity'],
    [
      'wildcards of one field that add up',
      { a: ['*:s/A/*', '*:s/B/*', '*:s/C/*', '*:s/D/*'].map((wildcard) => ({ wildcard })) },
      'a',
      'wildcard-complexity',
    ],
    [
      'anything-but null',
      { a: [{ 'anything-but': null }] },
      'a[0].anything-but',
      'anything-but-operand',
    ],
    [
      'a mixed anything-but list',
      { a: [{ 'anything-but': ['x', 1] }] },
      'a[0].anything-but',
      'anything-but-operand',
    ],
    [
      'an empty anything-but list',
      { a: [{ 'anything-but': [] }] },
      'a[0].anything-but',
      'anything-but-operand',
    ],
    [
      'an empty anything-but prefix',
      { a: [{ 'anything-but': { prefix: '' } }] },
      'a[0].anything-but.prefix',
      'empty-affix',
    ],
    [
      'anything-but numeric',
      { a: [{ 'anything-but': { numeric: ['>', 1] } }] },
      'a[0].anything-but.numeric',
      'unknown-operator',
    ],
    [
      'anything-but ignore-case number',
      { a: [{ 'anything-but': { 'equals-ignore-case': 1 } }] },
      'a[0].anything-but.equals-ignore-case',
      'operand-type',
    ],
    [
      'a numeric operand that is not a list',
      { a: [{ numeric: 10 }] },
      'a[0].numeric',
      'numeric-syntax',
    ],
    [
      'a dangling numeric operator',
      { a: [{ numeric: ['>', 0, '<'] }] },
      'a[0].numeric',
      'numeric-syntax',
    ],
    [
      'an upper bound before a lower one',
      { a: [{ numeric: ['<', 5, '>', 0] }] },
      'a[0].numeric',
      'numeric-syntax',
    ],
    ['an inverted range', { a: [{ numeric: ['>', 5, '<', 5] }] }, 'a[0].numeric', 'numeric-range'],
    ['a numeric string', { a: [{ numeric: ['>', '5'] }] }, 'a[0].numeric[1]', 'operand-type'],
    [
      'a number beyond five billion',
      { a: [{ numeric: ['<', 5e9 + 1] }] },
      'a[0].numeric[1]',
      'number-range',
    ],
    ['exists with a string', { a: [{ exists: 'true' }] }, 'a[0].exists', 'operand-type'],
    ['a malformed CIDR', { a: [{ cidr: 'bad-filter' }] }, 'a[0].cidr', 'cidr-syntax'],
    ['a CIDR with a bad address', { a: [{ cidr: 'xx.11.xx/8' }] }, 'a[0].cidr', 'cidr-syntax'],
    ['an IPv4 mask of 32', { a: [{ cidr: '10.0.0.1/32' }] }, 'a[0].cidr', 'cidr-syntax'],
    ['$or with one object', { $or: [{ a: ['x'] }] }, '$or', 'or-syntax'],
    ['$or with an object', { $or: { a: ['x'] } }, '$or', 'or-syntax'],
    [
      'a reserved name inside $or',
      { $or: [{ a: ['x'] }, { numeric: ['y'] }] },
      '$or[1].numeric',
      'or-reserved-field',
    ],
  ])('rejects %s', (_, pattern, path, rule) => {
    const error = rejection(pattern);
    expect({ path: error.path, rule: error.rule }).toEqual({ path, rule });
  });
});

describe('$or expansion', () => {
  /** `count` sibling fields, each holding a two-way `$or`: 2^count alternatives. */
  const siblingOrs = (count: number) =>
    Object.fromEntries(
      Array.from({ length: count }, (_, index) => [
        `field${index}`,
        { $or: [{ a: ['x'] }, { b: ['y'] }] },
      ]),
    );

  it('accepts 2^9 = 512 alternatives and matches by them', () => {
    const pattern = siblingOrs(9);
    const matching = Object.fromEntries(
      Array.from({ length: 9 }, (_, index) => [
        `field${index}`,
        index % 2 ? { a: 'x' } : { b: 'y' },
      ]),
    );
    expect(matchesEventPattern(pattern, matching)).toBe(true);
    expect(matchesEventPattern(pattern, { ...matching, field8: { a: 'z' } })).toBe(false);
  });

  it('refuses 2^10 = 1,024 alternatives as too complex, naming where', () => {
    const error = rejection(siblingOrs(10));
    expect(error.message).toBe(
      'invalid event pattern at "field9.$or": the rule is too complex: its $or combinations ' +
        'expand to more than 1000 alternatives (rule: or-complexity)',
    );
  });

  it('refuses 18 sibling $or (262,144 alternatives) without building them', () => {
    expect(rejection(siblingOrs(18)).message).toContain('more than 1000 alternatives');
  });
});
