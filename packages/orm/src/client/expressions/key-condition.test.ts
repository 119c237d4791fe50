import { describe, expect, it } from 'vitest';
import { Reserved } from '../../../test/support/reserved-table.js';
import { ValidationError } from '../../errors.js';
import { ExpressionContext } from './expression-context.js';
import { compileKeyCondition, keyNamesOf } from './key-condition.js';

function compile(where: unknown, index?: string) {
  const context = new ExpressionContext(Reserved);
  const expression = compileKeyCondition(context, where, keyNamesOf(Reserved, index));
  return { expression, names: context.names, values: context.values };
}

describe('compileKeyCondition', () => {
  it('takes equality on the partition key and one operator on the sort key', () => {
    expect(compile({ name: 'a' }).expression).toBe('#n0 = :v0');
    expect(compile({ name: 'a', count: 3 }).expression).toBe('#n0 = :v0 AND #n1 = :v1');
    expect(compile({ name: { eq: 'a' }, count: { lte: 3 } }).expression).toBe(
      '#n0 = :v0 AND #n1 <= :v1',
    );
    expect(compile({ name: 'a', count: { between: [1, 2] } }).expression).toBe(
      '#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2',
    );
  });

  it("uses an index's keys and marshals through the definition", () => {
    const { expression, values } = compile(
      { tenant_key: { tenant: 't', user: 'u' }, date: { beginsWith: '2026' } },
      'byTenant',
    );
    expect(expression).toBe('#n0 = :v0 AND begins_with(#n1, :v1)');
    expect(values[':v1']).toEqual({ S: '2026' });
  });

  it('names every problem: missing partition key, non-key attributes, several sort operators, unknown index', () => {
    const issues = (where: unknown, index?: string) => {
      try {
        compile(where, index);
      } catch (error) {
        return (error as ValidationError).issues.map(({ path, rule }) => `${path}:${rule}`);
      }
      return [];
    };
    expect(issues({ count: 1 })).toEqual(['where.name:partition-key']);
    expect(issues({ name: { gt: 'a' } })).toEqual(['where.name:partition-key']);
    expect(issues({ name: 'a', status: 'open' })).toEqual(['where.status:key-attribute']);
    expect(issues({ name: 'a', count: { gt: 1, lt: 3 } })).toEqual(['where.count:sort-key']);
    expect(issues({ name: 'a', count: { contains: 1 } })).toEqual([
      'where.count.contains:sort-key',
    ]);
    expect(() => compile({ name: 'a' }, 'nope')).toThrow(ValidationError);
  });
});
