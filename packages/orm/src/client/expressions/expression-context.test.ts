import { describe, expect, it } from 'vitest';
import { Reserved } from '../../../test/support/reserved-table.js';
import { validationErrorOf } from '../../../test/support/validation-error.js';
import type { ValidationIssue } from '../../errors.js';
import { attr, defineTable } from '../../index.js';
import { ExpressionContext } from './expression-context.js';

const Stock = defineTable({
  name: 'stock',
  partitionKey: 'sku',
  attributes: {
    sku: attr.string({ minLength: 3 }),
    qty: attr.number({ min: 1 }),
  },
});

describe('ExpressionContext', () => {
  it('names the logical table', () => {
    expect(new ExpressionContext(Reserved).table).toBe('reserved');
  });

  it('aliases a path name by name, keeping list indexes, and reuses the alias of a name seen before', () => {
    const context = new ExpressionContext(Reserved);
    expect(context.path('address.city')).toBe('#n0.#n1');
    expect(context.path('tags[0]')).toBe('#n2[0]');
    expect(context.path('address.lines[2].city')).toBe('#n0.#n3[2].#n1');
    expect(context.path('status')).toBe('#n4');
    expect(context.path('address')).toBe('#n0');
    expect(context.names).toEqual({
      '#n0': 'address',
      '#n1': 'city',
      '#n2': 'tags',
      '#n3': 'lines',
      '#n4': 'status',
    });
  });

  it('refuses a malformed path, naming the table', () => {
    for (const path of ['address..city', '', '.city', 'tags[x]', 'tags]', 'address.']) {
      const error = validationErrorOf(() => new ExpressionContext(Reserved).path(path));
      expect(error.issues, path).toEqual([
        { path, rule: 'path', message: 'is not a valid attribute path' },
      ]);
      expect(error.table).toBe('reserved');
    }
    expect(() => new ExpressionContext(Reserved).path('address..city')).toThrow(
      'reserved: invalid input: address..city (path): is not a valid attribute path',
    );
  });

  it('refuses a path whose root is not an attribute, before aliasing anything', () => {
    const context = new ExpressionContext(Reserved);
    const cases: [string, ValidationIssue][] = [
      [
        'nope',
        {
          path: 'nope',
          rule: 'unknownAttribute',
          message: '"nope" is not an attribute of reserved',
        },
      ],
      [
        'nope.city',
        {
          path: 'nope.city',
          rule: 'unknownAttribute',
          message: '"nope" is not an attribute of reserved',
        },
      ],
      [
        'toString',
        {
          path: 'toString',
          rule: 'unknownAttribute',
          message: '"toString" is not an attribute of reserved',
        },
      ],
    ];
    for (const [path, issue] of cases) {
      const error = validationErrorOf(() => context.path(path));
      expect(error.issues, path).toEqual([issue]);
      expect(error.table).toBe('reserved');
    }
    expect(context.names).toEqual({});
    expect(context.placeholders()).toEqual({});
  });

  it('aliases any name given directly, once per name', () => {
    const context = new ExpressionContext(Reserved);
    expect(context.name('ttl')).toBe('#n0');
    expect(context.name('count')).toBe('#n1');
    expect(context.name('ttl')).toBe('#n0');
    expect(context.names).toEqual({ '#n0': 'ttl', '#n1': 'count' });
  });

  it('gives every value its own placeholder, equal values included', () => {
    const context = new ExpressionContext(Reserved);
    expect(context.value({ S: 'a' })).toBe(':v0');
    expect(context.value({ S: 'a' })).toBe(':v1');
    expect(context.value({ N: '2' })).toBe(':v2');
    expect(context.values).toEqual({ ':v0': { S: 'a' }, ':v1': { S: 'a' }, ':v2': { N: '2' } });
  });

  it('marshals a compared value through the definition, checking its type but not the rules', () => {
    const context = new ExpressionContext(Stock);
    expect(context.comparedValue('qty', 0)).toBe(':v0');
    expect(context.comparedValue('sku', 'a')).toBe(':v1');
    expect(context.values).toEqual({ ':v0': { N: '0' }, ':v1': { S: 'a' } });
    expect(validationErrorOf(() => context.comparedValue('qty', 'many')).issues).toEqual([
      { path: 'qty', rule: 'type', message: 'expected a number, got string' },
    ]);

    const dated = new ExpressionContext(Reserved);
    expect(dated.comparedValue('date', new Date('2026-01-02T03:04:05.000Z'))).toBe(':v0');
    expect(dated.values).toEqual({ ':v0': { S: '2026-01-02T03:04:05.000Z' } });
  });

  it('leaves empty placeholder maps out', () => {
    expect(new ExpressionContext(Reserved).placeholders()).toEqual({});

    const named = new ExpressionContext(Reserved);
    named.path('count');
    expect(named.placeholders()).toEqual({ ExpressionAttributeNames: { '#n0': 'count' } });

    const valued = new ExpressionContext(Reserved);
    valued.value({ BOOL: true });
    expect(valued.placeholders()).toEqual({ ExpressionAttributeValues: { ':v0': { BOOL: true } } });

    const both = new ExpressionContext(Reserved);
    both.name('count');
    both.value({ N: '1' });
    expect(both.placeholders()).toEqual({
      ExpressionAttributeNames: { '#n0': 'count' },
      ExpressionAttributeValues: { ':v0': { N: '1' } },
    });
  });
});
