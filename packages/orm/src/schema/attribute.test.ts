import { describe, expect, it } from 'vitest';
import { issuesOf, tableWith } from './__tests__/helpers.js';
import * as attr from './attr.js';
import { defineTable } from './define-table.js';

describe('attribute builders', () => {
  it('are immutable: refining returns a new builder', () => {
    const base = attr.string();
    const optional = base.optional();
    expect(base.props.optional).toBe(false);
    expect(optional.props.optional).toBe(true);
    expect(base.describe('x').props.description).toBe('x');
    expect(base.props.description).toBeUndefined();
  });

  it('a missing optional attribute is omitted from the item, never written as null or "None"', () => {
    const table = tableWith(attr.string().optional());
    const item = table.parsePut({ id: 'x' });
    expect(item).toEqual({ id: 'x' });
    expect('value' in item).toBe(false);
    expect(table.toItem(item)).toEqual({ id: { S: 'x' } });
  });

  it('a missing required attribute is reported as required', () => {
    expect(issuesOf(() => tableWith(attr.number()).parsePut({ id: 'x' }))).toEqual([
      { path: 'value', rule: 'required', message: 'is required' },
    ]);
  });

  it('applies value defaults and calls function defaults for every put', () => {
    const fixed = tableWith(attr.string().default('pending'));
    expect(fixed.parsePut({ id: 'x' }).value).toBe('pending');
    expect(fixed.parsePut({ id: 'x', value: 'given' }).value).toBe('given');
    let calls = 0;
    const fresh = tableWith(attr.stringList().default(() => [`n${++calls}`]));
    expect(fresh.parsePut({ id: 'x' }).value).toEqual(['n1']);
    expect(fresh.parsePut({ id: 'x' }).value).toEqual(['n2']);
  });

  it('checks function defaults like any value', () => {
    const table = tableWith(attr.number().default(() => Number.NaN));
    expect(issuesOf(() => table.parsePut({ id: 'x' })).map((issue) => issue.rule)).toEqual([
      'finite',
    ]);
  });

  it('keeps the description in the definition', () => {
    const table = tableWith(attr.string().describe('Where the user lives'));
    expect(table.attributes.value.description).toBe('Where the user lives');
  });

  it('runs custom rules after the type check, with their rule name and message', () => {
    const even = attr
      .number()
      .validate((value) => value % 2 === 0, 'even')
      .validate((value) => value < 100 || 'must be below 100', 'small');
    const table = tableWith(even);
    expect(table.parsePut({ id: 'x', value: 4 }).value).toBe(4);
    expect(issuesOf(() => table.parsePut({ id: 'x', value: 101 }))).toEqual([
      { path: 'value', rule: 'even', message: "failed the 'even' rule" },
      { path: 'value', rule: 'small', message: 'must be below 100' },
    ]);
    // A type error skips the custom rules (they would only see garbage).
    expect(issuesOf(() => table.parsePut({ id: 'x', value: 'x' })).map((i) => i.rule)).toEqual([
      'type',
    ]);
  });

  it('a custom rule that throws is reported, not propagated', () => {
    const table = tableWith(
      attr.string().validate(() => {
        throw new Error('boom');
      }, 'explodes'),
    );
    expect(issuesOf(() => table.parsePut({ id: 'x', value: 'a' }))).toEqual([
      { path: 'value', rule: 'explodes', message: 'boom' },
    ]);
  });

  it('a builder can be shared between tables', () => {
    const id = attr.string({ minLength: 1 });
    const a = defineTable({ name: 'aaa', partitionKey: 'id', attributes: { id } });
    const b = defineTable({ name: 'bbb', partitionKey: 'pk', attributes: { pk: id } });
    expect(a.toKey({ id: 'x' })).toEqual({ id: { S: 'x' } });
    expect(b.toKey({ pk: 'y' })).toEqual({ pk: { S: 'y' } });
  });
});
