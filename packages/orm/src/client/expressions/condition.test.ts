import { describe, expect, it, vi } from 'vitest';
import { Reserved } from '../../../test/support/reserved-table.js';
import { validationErrorOf } from '../../../test/support/validation-error.js';
import { ValidationError, type ValidationIssue } from '../../errors.js';
import type { ItemOf } from '../../schema/types.js';
import type { Condition } from './condition.js';
import { allOf, compileCondition } from './condition.js';
import { ExpressionContext } from './expression-context.js';

type Item = ItemOf<typeof Reserved>;

function compile(condition: Condition<Item>) {
  const context = new ExpressionContext(Reserved);
  const expression = compileCondition(context, condition);
  return { expression, names: context.names, values: context.values };
}

/** The issues of the ValidationError that compiling `condition` throws. */
function issuesOf(condition: unknown): readonly ValidationIssue[] {
  return validationErrorOf(() => compile(condition as Condition<Item>)).issues;
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

  it('accepts each of the ten DynamoDB type codes for attributeType', () => {
    for (const type of ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'] as const) {
      expect(compile({ address: { attributeType: type } }), type).toEqual({
        expression: 'attribute_type(#n0, :v0)',
        names: { '#n0': 'address' },
        values: { ':v0': { S: type } },
      });
    }
  });

  it('refuses any other type code, listing the ten', () => {
    for (const type of ['X', '', 's', 'STRING']) {
      expect(issuesOf({ address: { attributeType: type } }), type).toEqual([
        {
          path: 'address.attributeType',
          rule: 'attributeType',
          message: 'must be one of S, SS, N, NS, B, BS, BOOL, NULL, L, M',
        },
      ]);
    }
  });

  it('refuses a condition that is not a plain object, at any depth, naming the table', () => {
    const issue = {
      path: 'condition',
      rule: 'condition',
      message: 'a condition must be a plain object',
    };
    for (const condition of [null, 'open', [{ status: 'open' }], new Date(0), { not: 5 }]) {
      expect(issuesOf(condition), JSON.stringify(condition)).toEqual([issue]);
    }
    expect(issuesOf({ and: [{ status: 'open' }, 7] })).toEqual([issue]);
    expect(() => compile(null as unknown as Condition<Item>)).toThrow(
      'reserved: invalid input: condition (condition): a condition must be a plain object',
    );
  });

  it('reports the exact path, rule and message of each refused entry', () => {
    const invalid: [unknown, ValidationIssue][] = [
      [
        { name: undefined },
        {
          path: 'name',
          rule: 'defined',
          message: 'a condition value is undefined; use { exists: false } for absence',
        },
      ],
      [
        { or: [] },
        { path: 'or', rule: 'or', message: '"or" takes a non-empty array of conditions' },
      ],
      [
        { and: { status: 'open' } },
        { path: 'and', rule: 'and', message: '"and" takes a non-empty array of conditions' },
      ],
      [
        {},
        { path: 'condition', rule: 'non-empty', message: 'a condition needs at least one entry' },
      ],
      [
        { note: { exists: 'yes' } },
        { path: 'note.exists', rule: 'exists', message: 'exists takes true or false' },
      ],
      [
        { note: { exists: 1 } },
        { path: 'note.exists', rule: 'exists', message: 'exists takes true or false' },
      ],
      [
        { count: { between: [1] } },
        { path: 'count.between', rule: 'between', message: 'between takes [low, high]' },
      ],
      [
        { count: { between: [1, 2, 3] } },
        { path: 'count.between', rule: 'between', message: 'between takes [low, high]' },
      ],
      [
        { count: { between: 5 } },
        { path: 'count.between', rule: 'between', message: 'between takes [low, high]' },
      ],
      [
        { status: { in: [] } },
        { path: 'status.in', rule: 'in', message: 'in takes an array of 1 to 100 values' },
      ],
      // A string is not a one-element list.
      [
        { name: { in: 'open' } },
        { path: 'name.in', rule: 'in', message: 'in takes an array of 1 to 100 values' },
      ],
      [
        { count: { in: Array.from({ length: 101 }, (_, i) => i) } },
        { path: 'count.in', rule: 'in', message: 'in takes an array of 1 to 100 values' },
      ],
      [
        { name: { beginsWith: 5 } },
        {
          path: 'name.beginsWith',
          rule: 'beginsWith',
          message: 'the prefix must be a string (or leading parts of a composite string)',
        },
      ],
      // Leading parts only work on a composite string.
      [
        { name: { beginsWith: { tenant: 't1' } } },
        {
          path: 'name.beginsWith',
          rule: 'beginsWith',
          message: 'the prefix must be a string (or leading parts of a composite string)',
        },
      ],
      [
        { tenant_key: { beginsWith: ['t1'] } },
        {
          path: 'tenant_key.beginsWith',
          rule: 'beginsWith',
          message: 'the prefix must be a string (or leading parts of a composite string)',
        },
      ],
    ];
    for (const [condition, issue] of invalid) {
      expect(issuesOf(condition), JSON.stringify(condition)).toEqual([issue]);
    }
  });

  it('refuses an undefined operand, naming the operator, the size operator or the list position', () => {
    const invalid: [unknown, ValidationIssue][] = [
      [
        { count: { eq: undefined } },
        {
          path: 'count.eq',
          rule: 'eq',
          message: 'the eq operand is undefined; give a value (or { exists: false } for absence)',
        },
      ],
      [
        { tags: { size: { gt: undefined } } },
        {
          path: 'tags.size.gt',
          rule: 'gt',
          message: 'the gt operand is undefined; give a value (or { exists: false } for absence)',
        },
      ],
      [
        { count: { in: [1, undefined] } },
        {
          path: 'count.in[1]',
          rule: 'in',
          message: 'the in operand is undefined; give a value (or { exists: false } for absence)',
        },
      ],
      [
        { count: { between: [undefined, 2] } },
        {
          path: 'count.between[0]',
          rule: 'between',
          message:
            'the between operand is undefined; give a value (or { exists: false } for absence)',
        },
      ],
    ];
    for (const [condition, issue] of invalid) {
      expect(issuesOf(condition), JSON.stringify(condition)).toEqual([issue]);
    }
  });

  it('takes 1 to 100 values for in', () => {
    expect(compile({ count: { in: [7] } })).toEqual({
      expression: '#n0 IN (:v0)',
      names: { '#n0': 'count' },
      values: { ':v0': { N: '7' } },
    });
    const hundred = Array.from({ length: 100 }, (_, i) => i);
    const { expression, values } = compile({ count: { in: hundred } });
    expect(expression).toBe(`#n0 IN (${hundred.map((i) => `:v${i}`).join(', ')})`);
    expect(Object.keys(values)).toHaveLength(100);
    expect(values[':v99']).toEqual({ N: '99' });
  });

  it('compares sizes with non-negative integers, zero included', () => {
    expect(compile({ tags: { size: { eq: 0 } } })).toEqual({
      expression: 'size(#n0) = :v0',
      names: { '#n0': 'tags' },
      values: { ':v0': { N: '0' } },
    });
    expect(compile({ tags: { size: { in: [0, 2] } } })).toEqual({
      expression: 'size(#n0) IN (:v0, :v1)',
      names: { '#n0': 'tags' },
      values: { ':v0': { N: '0' }, ':v1': { N: '2' } },
    });
  });

  it('refuses a size that is not a non-negative integer, naming the list position', () => {
    const message = 'a size is a non-negative integer';
    const invalid: [unknown, string][] = [
      [{ tags: { size: { gt: -1 } } }, 'tags.size.gt'],
      [{ tags: { size: { eq: 1.5 } } }, 'tags.size.eq'],
      [{ tags: { size: { eq: '2' } } }, 'tags.size.eq'],
      [{ tags: { size: { between: [1, -1] } } }, 'tags.size.between[1]'],
      [{ tags: { size: { in: [2, 0.5] } } }, 'tags.size.in[1]'],
    ];
    for (const [condition, path] of invalid) {
      expect(issuesOf(condition), JSON.stringify(condition)).toEqual([
        { path, rule: 'size', message },
      ]);
    }
  });

  it('refuses a size operand that is not an object of comparisons', () => {
    const issue = {
      path: 'tags.size',
      rule: 'size',
      message: 'size takes comparisons, e.g. { size: { gt: 2 } }',
    };
    for (const size of [3, null, [1], {}, { longest: 2 }, { gt: 1, longest: 2 }]) {
      expect(issuesOf({ tags: { size } }), JSON.stringify(size)).toEqual([issue]);
    }
  });

  it('refuses operators that do not compare a size', () => {
    const invalid: [unknown, ValidationIssue][] = [
      [
        { tags: { size: { exists: true } } },
        { path: 'tags.size.exists', rule: 'operator', message: '"exists" is not allowed here' },
      ],
      [
        { tags: { size: { contains: [1] } } },
        { path: 'tags.size.contains', rule: 'operator', message: '"contains" is not allowed here' },
      ],
      [
        { tags: { size: { gt: 1, attributeType: 'N' } } },
        {
          path: 'tags.size.attributeType',
          rule: 'operator',
          message: '"attributeType" is not allowed here',
        },
      ],
    ];
    for (const [condition, issue] of invalid) {
      expect(issuesOf(condition), JSON.stringify(condition)).toEqual([issue]);
    }
  });

  it('marshals a contains operand as a member, by type only', () => {
    // The definitions built in today have no rules on members, so only the request shows this.
    const toElementValue = vi.fn(Reserved.toElementValue);
    const context = new ExpressionContext({ ...Reserved, toElementValue });
    expect(compileCondition(context, { scores: { contains: 7 } })).toBe('contains(#n0, :v0)');
    expect(toElementValue).toHaveBeenCalledExactlyOnceWith('scores', 7, { rules: false });
    expect(context.values).toEqual({ ':v0': { N: '7' } });
  });
});

describe('allOf', () => {
  it('is undefined for no conditions, the condition itself for one, and their AND for more', () => {
    expect(allOf([])).toBeUndefined();
    expect(allOf(['#n0 = :v0'])).toBe('#n0 = :v0');
    expect(allOf(['#n0 = :v0', 'attribute_exists(#n1)'])).toBe(
      '(#n0 = :v0) AND (attribute_exists(#n1))',
    );
  });
});
