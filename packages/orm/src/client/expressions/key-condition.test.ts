import { describe, expect, it } from 'vitest';
import { Reserved } from '../../../test/support/reserved-table.js';
import { validationErrorOf } from '../../../test/support/validation-error.js';
import { ValidationError } from '../../errors.js';
import { attr, defineTable } from '../../index.js';
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

/** Plain string keys, so empty values and prefixes can be tried on both. */
const Orders = defineTable({
  name: 'orders',
  partitionKey: 'customer',
  sortKey: 'order_id',
  attributes: {
    customer: attr.string(),
    order_id: attr.string(),
    region: attr.string(),
    placed: attr.string(),
    note: attr.string().optional(),
  },
  globalSecondaryIndexes: { byRegion: { partitionKey: 'region', sortKey: 'placed' } },
  localSecondaryIndexes: { byPlaced: { sortKey: 'placed' } },
});

const Plain = defineTable({
  name: 'plain',
  partitionKey: 'id',
  attributes: { id: attr.string() },
});

function compileOrders(where: unknown, index?: string) {
  const context = new ExpressionContext(Orders);
  const expression = compileKeyCondition(context, where, keyNamesOf(Orders, index));
  return { expression, names: context.names, values: context.values };
}

function refusal(run: () => unknown) {
  return validationErrorOf(run).issues;
}

const sortKeyOperators =
  'the sort key takes eq, lt, lte, gt, gte, between [low, high] or beginsWith (a string)';

describe('keyNamesOf', () => {
  it('gives the keys of the table, a global index and a local index', () => {
    expect(keyNamesOf(Orders)).toEqual({ partitionKey: 'customer', sortKey: 'order_id' });
    expect(keyNamesOf(Orders, 'byRegion')).toEqual({ partitionKey: 'region', sortKey: 'placed' });
    expect(keyNamesOf(Orders, 'byPlaced')).toEqual({ partitionKey: 'customer', sortKey: 'placed' });
    expect(keyNamesOf(Plain)).toEqual({ partitionKey: 'id', sortKey: undefined });
  });

  it('names the unknown index and lists the known ones, global then local', () => {
    expect(refusal(() => keyNamesOf(Orders, 'nope'))).toEqual([
      {
        path: 'index',
        rule: 'index',
        message: '"nope" is not an index of orders (indexes: byRegion, byPlaced)',
      },
    ]);
    expect(refusal(() => keyNamesOf(Plain, 'nope'))).toEqual([
      { path: 'index', rule: 'index', message: '"nope" is not an index of plain' },
    ]);
  });
});

describe('compileKeyCondition refusals', () => {
  it('refuses a where that is not a plain object, and takes one without a prototype', () => {
    const notObject = [
      { path: 'where', rule: 'object', message: 'where is an object of key values' },
    ];
    for (const where of [null, undefined, 'customer', ['c1'], new Date(0)]) {
      expect(refusal(() => compileOrders(where))).toEqual(notObject);
    }
    const bare = Object.assign(Object.create(null), { customer: 'c1' });
    expect(compileOrders(bare).expression).toBe('#n0 = :v0');
  });

  it('says why the partition key is refused: an operator other than eq, or no value', () => {
    expect(refusal(() => compileOrders({ customer: { gt: 'c' } }))).toEqual([
      {
        path: 'where.customer',
        rule: 'partition-key',
        message: 'the partition key takes equality only',
      },
    ]);
    expect(refusal(() => compileOrders({ customer: { eq: 'c', gt: 'b' } }))).toEqual([
      {
        path: 'where.customer',
        rule: 'partition-key',
        message: 'the partition key takes equality only',
      },
    ]);
    expect(refusal(() => compileOrders({ order_id: 'o1' }))).toEqual([
      {
        path: 'where.customer',
        rule: 'partition-key',
        message: 'the partition key "customer" needs a value',
      },
    ]);
  });

  it('refuses empty key values and an empty prefix, naming each place', () => {
    const emptyValue = (path: string, name: string) => ({
      path,
      rule: 'emptyKey',
      message: `"${name}" is a key, and DynamoDB refuses an empty string or binary as a key value`,
    });
    expect(refusal(() => compileOrders({ customer: '' }))).toEqual([
      emptyValue('where.customer', 'customer'),
    ]);
    expect(
      refusal(() => compileOrders({ customer: 'c1', order_id: { between: ['', 'o9'] } })),
    ).toEqual([emptyValue('where.order_id.between[0]', 'order_id')]);
    expect(
      refusal(() => compileOrders({ customer: 'c1', order_id: { between: ['o1', ''] } })),
    ).toEqual([emptyValue('where.order_id.between[1]', 'order_id')]);
    expect(refusal(() => compileOrders({ customer: 'c1', order_id: { beginsWith: '' } }))).toEqual([
      {
        path: 'where.order_id.beginsWith',
        rule: 'emptyKey',
        message:
          '"order_id" is a key, and DynamoDB refuses an empty beginsWith prefix; omit the operator to read all',
      },
    ]);
  });

  it('refuses a prefix that is neither a string nor composite parts', () => {
    expect(refusal(() => compileOrders({ customer: 'c1', order_id: { beginsWith: 5 } }))).toEqual([
      {
        path: 'where.order_id.beginsWith',
        rule: 'beginsWith',
        message: 'the prefix must be a string (or leading parts of a composite string)',
      },
    ]);
  });

  it('skips undefined attributes, but refuses an undefined operand', () => {
    expect(compileOrders({ customer: 'c1', order_id: undefined, note: undefined }).expression).toBe(
      '#n0 = :v0',
    );
    expect(refusal(() => compileOrders({ customer: 'c1', order_id: { gt: undefined } }))).toEqual([
      {
        path: 'where.order_id.gt',
        rule: 'gt',
        message: 'the gt operand is undefined; give a value',
      },
    ]);
  });

  it('sends other attributes to filter', () => {
    expect(refusal(() => compileOrders({ customer: 'c1', note: 'x' }))).toEqual([
      {
        path: 'where.note',
        rule: 'key-attribute',
        message: '"note" is not a key of this table or index; use filter for other attributes',
      },
    ]);
  });

  it('takes exactly one sort-key operator, and only the key operators', () => {
    expect(
      refusal(() => compileOrders({ customer: 'c1', order_id: { gt: 'a', lt: 'z' } })),
    ).toEqual([
      {
        path: 'where.order_id',
        rule: 'sort-key',
        message: 'the sort key takes exactly one of eq, lt, lte, gt, gte, between, beginsWith',
      },
    ]);
    // Every condition operator is recognised as one, and refused on a key.
    for (const operator of ['ne', 'in', 'contains', 'exists', 'size', 'attributeType']) {
      expect(
        refusal(() => compileOrders({ customer: 'c1', order_id: { [operator]: 'o' } })),
      ).toEqual([
        { path: `where.order_id.${operator}`, rule: 'sort-key', message: sortKeyOperators },
      ]);
    }
  });

  it('takes between only as two defined bounds', () => {
    for (const between of [['a'], ['a', 'b', 'c'], ['a', undefined], 'a-b']) {
      expect(refusal(() => compileOrders({ customer: 'c1', order_id: { between } }))).toEqual([
        { path: 'where.order_id.between', rule: 'sort-key', message: sortKeyOperators },
      ]);
    }
    // A two-element array given to another operator is not a between.
    expect(
      refusal(() => compileOrders({ customer: 'c1', order_id: { contains: ['a', 'b'] } })),
    ).toEqual([{ path: 'where.order_id.contains', rule: 'sort-key', message: sortKeyOperators }]);
  });

  it('reads an object that is not all operators as a value, not as operators', () => {
    const { expression, values } = compileOrders({ customer: 'c1', order_id: { lte: 'o5' } });
    expect(expression).toBe('#n0 = :v0 AND #n1 <= :v1');
    expect(values).toEqual({ ':v0': { S: 'c1' }, ':v1': { S: 'o5' } });
    expect(refusal(() => compileOrders({ customer: 'c1', order_id: {} }))).toEqual(
      refusal(() => compileOrders({ customer: 'c1', order_id: { eq: {} } })),
    );
    // One key that is not an operator makes the whole object a value, compared with eq.
    expect(
      refusal(() => compileOrders({ customer: 'c1', order_id: { lte: 'o5', note: 'x' } })),
    ).toEqual([{ path: 'order_id', rule: 'type', message: 'expected a string, got object' }]);
  });
});
