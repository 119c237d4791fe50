import { expect } from 'vitest';
import { ValidationError, type ValidationIssue } from '../../errors.js';
import * as attr from '../attr.js';
import type { AnyAttributeBuilder } from '../attribute.js';
import { defineTable } from '../define-table.js';

/** A one-attribute table (`id` + `value`) for testing one builder. */
export function tableWith<B extends AnyAttributeBuilder>(value: B) {
  return defineTable({
    name: 'things',
    partitionKey: 'id',
    attributes: { id: attr.string(), value },
  });
}

/** The issues a call throws as a ValidationError (fails the test if it does not throw one). */
export function issuesOf(call: () => unknown): readonly ValidationIssue[] {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  expect.fail('expected a ValidationError');
}

/** Rules broken by a put of `{ id: 'x', value }`. */
export function rulesFor(value: AnyAttributeBuilder, input: unknown): string[] {
  const table = tableWith(value);
  return issuesOf(() => table.parsePut({ id: 'x', value: input })).map((issue) => issue.rule);
}

/** Put, marshal and read back `{ id, value }` in memory. */
export function roundTrip(value: AnyAttributeBuilder, input: unknown) {
  const table = tableWith(value);
  const stored = table.toItem(table.parsePut({ id: 'x', value: input }));
  return { stored: stored.value, read: table.fromItem(stored).value };
}
