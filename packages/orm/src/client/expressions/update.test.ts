import { describe, expect, it } from 'vitest';
import { Reserved } from '../../../test/support/reserved-table.js';
import { ValidationError } from '../../errors.js';
import type { UpdateOf } from '../types.js';
import { ExpressionContext } from './expression-context.js';
import { compileUpdate, type ManagedUpdate } from './update.js';

const managed: ManagedUpdate = { keyAttributes: ['name', 'count'] };

function compile(spec: UpdateOf<typeof Reserved>, extra: Partial<ManagedUpdate> = {}) {
  const context = new ExpressionContext(Reserved);
  const expression = compileUpdate(context, spec, { ...managed, ...extra });
  return { expression, names: context.names, values: context.values };
}

function issuesOf(spec: unknown, extra: Partial<ManagedUpdate> = {}) {
  try {
    compile(spec as UpdateOf<typeof Reserved>, extra);
  } catch (error) {
    if (error instanceof ValidationError)
      return error.issues.map(({ path, rule }) => `${path}:${rule}`);
    throw error;
  }
  return [];
}

describe('compileUpdate', () => {
  it('compiles every clause with aliased names and values', () => {
    const { expression, names, values } = compile({
      set: { status: 'closed', 'address.city': 'Oslo' },
      setIfNotExists: { date: new Date(0) },
      add: { size: 2, labels: new Set(['a']) },
      remove: ['note'],
      append: { tags: ['x'] },
      delete: { scores: new Set([3]) },
    });
    expect(expression).toBe(
      'SET #n0 = :v0, #n1.#n2 = :v1, #n3 = if_not_exists(#n3, :v2), ' +
        '#n7 = list_append(if_not_exists(#n7, :v7), :v6) REMOVE #n8 ADD #n4 :v3, #n5 :v4 DELETE #n6 :v5',
    );
    expect(names).toEqual({
      '#n0': 'status',
      '#n1': 'address',
      '#n2': 'city',
      '#n3': 'date',
      '#n4': 'size',
      '#n5': 'labels',
      '#n6': 'scores',
      '#n7': 'tags',
      '#n8': 'note',
    });
    expect(values[':v2']).toEqual({ S: '1970-01-01T00:00:00.000Z' });
    expect(values[':v7']).toEqual({ L: [] });
    expect(values[':v4']).toEqual({ SS: ['a'] });
    expect(values[':v5']).toEqual({ NS: ['3'] });
    expect(values[':v6']).toEqual({ L: [{ S: 'x' }] });
  });

  it('removes an optional attribute set to undefined', () => {
    expect(compile({ set: { note: undefined } }).expression).toBe('REMOVE #n0');
  });

  it('bumps the version and the updatedAt timestamp unless the spec sets it', () => {
    const now = new Date('2026-02-03T04:05:06.000Z');
    const bumped = compile(
      { set: { note: 'x' } },
      { versionAttribute: 'version', updatedAtAttribute: 'updated', now },
    );
    expect(bumped.expression).toBe('SET #n0 = :v0, #n2 = :v2 ADD #n1 :v1');
    expect(bumped.names).toMatchObject({ '#n1': 'version', '#n2': 'updated' });
    expect(bumped.values).toMatchObject({
      ':v1': { N: '1' },
      ':v2': { S: '2026-02-03T04:05:06.000Z' },
    });
    const explicit = compile({ set: { updated: now } }, { updatedAtAttribute: 'updated' });
    expect(explicit.expression).toBe('SET #n0 = :v0');
  });

  it('refuses key attributes, the version attribute and unknown names, listing every issue', () => {
    expect(
      issuesOf(
        { set: { name: 'x', version: 3, nope: 1 }, add: { count: 1 } },
        { versionAttribute: 'version' },
      ),
    ).toEqual([
      'set.name:key-attribute',
      'set.version:version-attribute',
      'set.nope:attribute',
      'add.count:key-attribute',
    ]);
  });

  it('checks value types and clause targets', () => {
    expect(issuesOf({ set: { size: 'big' } })).toEqual(['set.size:type']);
    expect(issuesOf({ add: { status: 1 } })).toEqual(['add.status:add']);
    expect(issuesOf({ add: { size: Number.NaN } })).toEqual(['add.size:add']);
    expect(issuesOf({ delete: { tags: new Set(['x']) } })).toEqual(['delete.tags:delete']);
    expect(issuesOf({ append: { tags: 'x' } })).toEqual(['append.tags:append']);
    expect(issuesOf({ remove: ['status'] })).toEqual(['remove.status:required']);
    expect(issuesOf({ set: { status: undefined } })).toEqual(['set.status:required']);
    expect(issuesOf({ increment: { size: 1 } })).toEqual(['increment:clause']);
    expect(issuesOf({})).toEqual(['update:non-empty']);
    expect(issuesOf({ set: { address: { city: 'x' }, 'address.city': 'y' } })).toEqual([
      'set.address.city:overlap',
    ]);
    expect(issuesOf({ setIfNotExists: { size: 1 }, add: { size: 1 } })).toEqual([
      'add.size:overlap',
    ]);
    expect(issuesOf({ append: { tags: ['a'] }, remove: ['tags[0]'] })).toEqual([
      'remove.tags[0]:overlap',
    ]);
    expect(issuesOf({ set: { address: { city: 'x' }, addressed: 1 } })).toEqual([
      'set.addressed:attribute',
    ]);
  });

  it('types each clause by attribute kind (checked by the compiler)', () => {
    const typed = (spec: UpdateOf<typeof Reserved>) => spec;
    // @ts-expect-error key attributes cannot be updated
    typed({ set: { name: 'x' } });
    // @ts-expect-error add only on numbers and sets
    typed({ add: { note: 'x' } });
    // @ts-expect-error append only on lists
    typed({ append: { labels: ['x'] } });
    // @ts-expect-error delete only on sets
    typed({ delete: { tags: new Set(['x']) } });
    // @ts-expect-error required attributes cannot be removed
    typed({ remove: ['status'] });
    // @ts-expect-error the version is managed
    typed({ set: { version: 2 } });
    expect(
      typed({ add: { size: 1, scores: new Set([1]) }, remove: ['note', 'address.zip'] }),
    ).toBeDefined();
  });
});
