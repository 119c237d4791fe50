import { describe, expect, it } from 'vitest';
import { Reserved } from '../../../test/support/reserved-table.js';
import { ValidationError } from '../../errors.js';
import type { ItemOf } from '../../schema/index.js';
import type { Condition } from './condition.js';
import { compileCondition } from './condition.js';
import { ExpressionContext } from './expression-context.js';

type Item = ItemOf<typeof Reserved>;

function compile(condition: Condition<Item>) {
  const context = new ExpressionContext(Reserved);
  const expression = compileCondition(context, condition);
  return { expression, names: context.names, values: context.values };
}

describe('compileCondition', () => {
  it('aliases every name and value, so reserved words just work; a bare value means eq', () => {
    expect(compile({ status: 'open', name: 'a', count: 3 })).toEqual({
      expression: '(#n0 = :v0) AND (#n1 = :v1) AND (#n2 = :v2)',
      names: { '#n0': 'status', '#n1': 'name', '#n2': 'count' },
      values: { ':v0': { S: 'open' }, ':v1': { S: 'a' }, ':v2': { N: '3' } },
    });
  });

  it('compiles every operator', () => {
    const cases: [Condition<Item>, string][] = [
      [{ count: { eq: 1 } }, '#n0 = :v0'],
      [{ count: { ne: 1 } }, '#n0 <> :v0'],
      [{ count: { lt: 1 } }, '#n0 < :v0'],
      [{ count: { lte: 1 } }, '#n0 <= :v0'],
      [{ count: { gt: 1 } }, '#n0 > :v0'],
      [{ count: { gte: 1 } }, '#n0 >= :v0'],
      [{ count: { between: [1, 2] } }, '#n0 BETWEEN :v0 AND :v1'],
      [{ status: { in: ['open', 'closed'] } }, '#n0 IN (:v0, :v1)'],
      [{ name: { beginsWith: 'ab' } }, 'begins_with(#n0, :v0)'],
      [{ name: { contains: 'b' } }, 'contains(#n0, :v0)'],
      [{ size: { exists: true } }, 'attribute_exists(#n0)'],
      [{ size: { exists: false } }, 'attribute_not_exists(#n0)'],
      [{ tags: { size: { gt: 2 } } }, 'size(#n0) > :v0'],
      [{ tags: { size: { between: [1, 3] } } }, 'size(#n0) BETWEEN :v0 AND :v1'],
      [{ address: { attributeType: 'M' } }, 'attribute_type(#n0, :v0)'],
      [{ count: { gt: 1, lt: 5 } }, '(#n0 > :v0) AND (#n0 < :v1)'],
    ];
    for (const [condition, expression] of cases)
      expect(compile(condition).expression).toBe(expression);
  });

  it('combines with and, or and not', () => {
    const { expression } = compile({
      or: [{ status: 'open' }, { and: [{ count: { gt: 3 } }, { not: { name: 'x' } }] }],
    });
    expect(expression).toBe('(#n0 = :v0) OR ((#n1 > :v1) AND (NOT (#n2 = :v2)))');
  });

  it('addresses nested paths inside json and lists, aliasing each name', () => {
    const { expression, names, values } = compile({ 'address.city': 'Oslo', 'tags[1]': 'x' });
    expect(expression).toBe('(#n0.#n1 = :v0) AND (#n2[1] = :v1)');
    expect(names).toEqual({ '#n0': 'address', '#n1': 'city', '#n2': 'tags' });
    expect(values).toEqual({ ':v0': { S: 'Oslo' }, ':v1': { S: 'x' } });
  });

  it('marshals values through the definition: a Date becomes its stored form, set members by kind', () => {
    const date = new Date('2026-01-02T03:04:05.000Z');
    expect(compile({ date: { gte: date } }).values).toEqual({
      ':v0': { S: '2026-01-02T03:04:05.000Z' },
    });
    expect(compile({ scores: { contains: 7 } }).values).toEqual({ ':v0': { N: '7' } });
    expect(compile({ labels: { contains: 'x' } }).values).toEqual({ ':v0': { S: 'x' } });
  });

  it('turns leading parts of a composite string into its stored prefix', () => {
    const { expression, values } = compile({ tenant_key: { beginsWith: { tenant: 't1' } } });
    expect(expression).toBe('begins_with(#n0, :v0)');
    expect(values[':v0']?.S?.startsWith('t1')).toBe(true);
  });

  it('throws a ValidationError naming the path for wrong types, unknown attributes and bad operands', () => {
    const invalid: [unknown, string, string][] = [
      [{ count: 'three' }, 'count', 'type'],
      [{ nope: 1 }, 'nope', 'unknownAttribute'],
      [{ status: { in: [] } }, 'status.in', 'in'],
      [{ count: { between: [1] } }, 'count.between', 'between'],
      [{ tags: { size: { gt: -1 } } }, 'tags.size.gt', 'size'],
      [{ address: { attributeType: 'X' } }, 'address.attributeType', 'attributeType'],
      [{ name: undefined }, 'name', 'defined'],
      [{ or: [] }, 'or', 'or'],
      [{}, 'condition', 'non-empty'],
      [{ 'address..city': 'x' }, 'address..city', 'path'],
      [{ address: { attributeType: 'S SS' } }, 'address.attributeType', 'attributeType'],
      [{ 'or not': [{ status: 'open' }] }, 'or not', 'unknownAttribute'],
    ];
    for (const [condition, path, rule] of invalid) {
      let error: unknown;
      try {
        compile(condition as Condition<Item>);
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(condition)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0], JSON.stringify(condition)).toMatchObject({
        path,
        rule,
      });
    }
  });

  it('accepts only real attribute names and value types (checked by the compiler)', () => {
    const typed = (condition: Condition<Item>) => condition;
    // @ts-expect-error unknown attribute
    typed({ nope: 1 });
    // @ts-expect-error count is a number
    typed({ count: 'x' });
    // @ts-expect-error status is a literal union
    typed({ status: { in: ['open', 'other'] } });
    expect(typed({ 'address.city': 'x', count: { between: [1, 2] } })).toBeDefined();
  });
});
