import { describe, expect, it } from 'vitest';
import { WILDCARD_COMPLEXITY_LIMIT, wildcardComplexity } from './wildcard-complexity.js';

const single = (value: string) => wildcardComplexity([{ identity: value, values: [value] }]);

describe('wildcardComplexity', () => {
  it('stays low for ordinary wildcards', () => {
    expect(single('Simple*Service')).toBe(2);
    expect(single('/Users/*/doc.txt')).toBe(2);
    expect(single('/Users/*/dir/dir/dir/dir/dir/doc.txt')).toBeLessThanOrEqual(
      WILDCARD_COMPLEXITY_LIMIT,
    );
  });

  it('grows with wildcards that can all be in play at once', () => {
    expect(single('*:*:*')).toBeLessThan(single('*:*:*:*'));
    expect(single('*:*:*:*:*:event-bus/*')).toBeGreaterThan(WILDCARD_COMPLEXITY_LIMIT);
  });

  it('adds up values of one field that share a leading wildcard', () => {
    const stacks = (names: string[]) =>
      wildcardComplexity(names.map((name) => ({ identity: name, values: [`*:stack/${name}/*`] })));
    expect(stacks(['Shared', 'App', 'Data'])).toBeLessThanOrEqual(WILDCARD_COMPLEXITY_LIMIT);
    expect(stacks(['Shared', 'App', 'Data', 'Monitoring'])).toBeGreaterThan(
      WILDCARD_COMPLEXITY_LIMIT,
    );
  });
});
