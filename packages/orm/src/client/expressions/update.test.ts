import { describe, expect, it } from 'vitest';
import { Reserved } from '../../../test/support/reserved-table.js';
import { ValidationError } from '../../errors.js';
import { attr, defineTable } from '../../index.js';
import type { UpdateOf } from '../types.js';
import { ExpressionContext } from './expression-context.js';
import { attributesCreatedBy, compileUpdate, type ManagedUpdate } from './update.js';

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

/** The issues with their messages, for a spec that may not even be an object. */
function fullIssuesOf(spec: unknown, extra: Partial<ManagedUpdate> = {}) {
  try {
    compileUpdate(new ExpressionContext(Reserved), spec, { ...managed, ...extra });
  } catch (error) {
    if (error instanceof ValidationError) return { table: error.table, issues: error.issues };
    throw error;
  }
  return { table: undefined, issues: [] };
}

/** Attribute rules that a single element or a one-item list breaks. */
const Ruled = defineTable({
  name: 'ruled',
  partitionKey: 'id',
  attributes: {
    id: attr.string(),
    labels: attr
      .stringSet()
      .validate((value) => value.size >= 2, 'minSize')
      .optional(),
    codes: attr
      .numberSet()
      .validate((value) => value.size >= 2, 'minSize')
      .optional(),
    tags: attr
      .stringList()
      .validate((value) => value.length >= 2, 'minLength')
      .optional(),
    notes: attr
      .stringList()
      .validate((value) => value.length >= 2, 'minLength')
      .optional(),
  },
});

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

  it('refuses an update that is not an object', () => {
    const expected = {
      table: 'reserved',
      issues: [{ path: 'update', rule: 'object', message: 'an update is an object' }],
    };
    expect(fullIssuesOf(null)).toEqual(expected);
    expect(fullIssuesOf('set')).toEqual(expected);
  });

  it('explains every refused clause and target in its message', () => {
    expect(
      fullIssuesOf(
        {
          increment: { size: 1 },
          set: { name: 'x', version: 3, nope: 1, address: { city: 'x' }, 'address.city': 'y' },
        },
        { versionAttribute: 'version' },
      ).issues,
    ).toEqual([
      {
        path: 'increment',
        rule: 'clause',
        message:
          'unknown update clause; use set, setIfNotExists, add, remove, append, prepend, delete',
      },
      {
        path: 'set.name',
        rule: 'key-attribute',
        message: '"name" is a key attribute and cannot be updated',
      },
      {
        path: 'set.version',
        rule: 'version-attribute',
        message: '"version" is the version attribute; the client bumps it',
      },
      { path: 'set.nope', rule: 'attribute', message: '"nope" is not an attribute of reserved' },
      {
        path: 'set.address.city',
        rule: 'overlap',
        message: '"address.city" overlaps "address" (set); DynamoDB allows one action per path',
      },
    ]);
    expect(fullIssuesOf({}).issues).toEqual([
      { path: 'update', rule: 'non-empty', message: 'the update changes nothing' },
    ]);
  });

  it('refuses clauses that are not objects of attribute → value', () => {
    expect(
      fullIssuesOf({ set: 'status', setIfNotExists: ['note'], add: 1, delete: null, append: true })
        .issues,
    ).toEqual([
      { path: 'set', rule: 'object', message: '"set" takes an object of attribute → value' },
      {
        path: 'setIfNotExists',
        rule: 'object',
        message: '"setIfNotExists" takes an object of attribute → value',
      },
      { path: 'add', rule: 'object', message: '"add" takes an object of attribute → value' },
      { path: 'delete', rule: 'object', message: '"delete" takes an object of attribute → value' },
      { path: 'append', rule: 'object', message: '"append" takes an object of attribute → value' },
    ]);
  });

  it('sets a non-empty set and removes a set attribute set to an empty one', () => {
    const filled = compile({ set: { labels: new Set(['a', 'b']) } });
    expect(filled.expression).toBe('SET #n0 = :v0');
    expect(filled.names).toEqual({ '#n0': 'labels' });
    expect(filled.values).toEqual({ ':v0': { SS: ['a', 'b'] } });
    const emptied = compile({ set: { labels: new Set() } });
    expect(emptied.expression).toBe('REMOVE #n0');
    expect(emptied.names).toEqual({ '#n0': 'labels' });
    expect(emptied.values).toEqual({});
  });

  it('checks an empty Set against a non-set attribute instead of removing it', () => {
    expect(fullIssuesOf({ set: { tags: new Set(), note: new Set() } }).issues).toEqual([
      { path: 'set.tags', rule: 'type', message: 'expected an array, got a Set' },
      { path: 'set.note', rule: 'type', message: 'expected a string, got a Set' },
    ]);
  });

  it('skips setIfNotExists entries with nothing to write, registering no name for them', () => {
    const { expression, names, values } = compile({
      set: { status: 'open' },
      setIfNotExists: { note: undefined, labels: new Set() },
    });
    expect(expression).toBe('SET #n0 = :v0');
    expect(names).toEqual({ '#n0': 'status' });
    expect(values).toEqual({ ':v0': { S: 'open' } });
  });

  it('removes a nested path set to undefined, but not a required attribute', () => {
    const { expression, names } = compile({ set: { 'address.zip': undefined } });
    expect(expression).toBe('REMOVE #n0.#n1');
    expect(names).toEqual({ '#n0': 'address', '#n1': 'zip' });
    expect(fullIssuesOf({ set: { status: undefined } }).issues).toEqual([
      {
        path: 'set.status',
        rule: 'required',
        message: '"status" is required and cannot be removed',
      },
    ]);
  });

  it('adds nothing for an undefined value or an empty set', () => {
    const { expression, names } = compile({
      set: { note: 'x' },
      add: { size: undefined, labels: new Set() },
    });
    expect(expression).toBe('SET #n0 = :v0');
    expect(names).toEqual({ '#n0': 'note' });
  });

  it('adds to a number inside a json attribute, whose kind is not declared', () => {
    const { expression, names, values } = compile({
      add: { 'address.visits': 2 },
    } as unknown as UpdateOf<typeof Reserved>);
    expect(expression).toBe('ADD #n0.#n1 :v0');
    expect(names).toEqual({ '#n0': 'address', '#n1': 'visits' });
    expect(values).toEqual({ ':v0': { N: '2' } });
  });

  it('explains what add takes', () => {
    expect(
      fullIssuesOf({
        add: { status: 1, size: 'big', scores: 'x', note: new Set(['a']), date: new Set([1]) },
      }).issues,
    ).toEqual([
      {
        path: 'add.status',
        rule: 'add',
        message: 'add takes a finite number on a number attribute, or a set on a set attribute',
      },
      {
        path: 'add.size',
        rule: 'add',
        message: 'add takes a number on a number attribute, or a set on a set attribute',
      },
      {
        path: 'add.scores',
        rule: 'add',
        message: 'add takes a number on a number attribute, or a set on a set attribute',
      },
      {
        path: 'add.note',
        rule: 'add',
        message: 'add takes a number on a number attribute, or a set on a set attribute',
      },
      {
        path: 'add.date',
        rule: 'add',
        message: 'add takes a number on a number attribute, or a set on a set attribute',
      },
    ]);
    // A set on a number attribute is refused as such, not checked as a number.
    expect(fullIssuesOf({ add: { size: new Set([1]) } }).issues).toEqual([
      {
        path: 'add.size',
        rule: 'add',
        message: 'add takes a number on a number attribute, or a set on a set attribute',
      },
    ]);
  });

  it('reports only the target issue for a refused add, delete, append or prepend target', () => {
    expect(
      fullIssuesOf({
        add: { name: 'x' },
        delete: { nope: new Set(['x']) },
        append: { name: 'x' },
        prepend: { count: 'y' },
      }).issues,
    ).toEqual([
      {
        path: 'add.name',
        rule: 'key-attribute',
        message: '"name" is a key attribute and cannot be updated',
      },
      {
        path: 'delete.nope',
        rule: 'attribute',
        message: '"nope" is not an attribute of reserved',
      },
      {
        path: 'append.name',
        rule: 'key-attribute',
        message: '"name" is a key attribute and cannot be updated',
      },
      {
        path: 'prepend.count',
        rule: 'key-attribute',
        message: '"count" is a key attribute and cannot be updated',
      },
    ]);
  });

  it('names the clause of an earlier delete in an overlap', () => {
    expect(fullIssuesOf({ delete: { labels: new Set(['a']) }, remove: ['labels'] }).issues).toEqual(
      [
        {
          path: 'remove.labels',
          rule: 'overlap',
          message: '"labels" overlaps "labels" (delete); DynamoDB allows one action per path',
        },
      ],
    );
  });

  it('reports bad set and list elements at the clause and attribute', () => {
    expect(
      fullIssuesOf({
        add: { labels: new Set([1]) },
        delete: { scores: new Set(['a']) },
        append: { tags: [1] },
        prepend: { tags: [2] },
      }).issues,
    ).toEqual([
      { path: 'add.labels', rule: 'type', message: 'expected a string, got number' },
      { path: 'delete.scores', rule: 'type', message: 'expected a number, got string' },
      { path: 'append.tags', rule: 'type', message: 'expected a string, got number' },
      {
        path: 'prepend.tags',
        rule: 'overlap',
        message: '"tags" overlaps "tags" (append); DynamoDB allows one action per path',
      },
    ]);
    expect(fullIssuesOf({ prepend: { note: [1] } }).issues).toEqual([
      { path: 'prepend.note', rule: 'type', message: 'expected a string, got an array' },
    ]);
  });

  it('deletes nothing for an undefined value or an empty set, and lists several deletes', () => {
    const skipped = compile({
      set: { note: 'x' },
      delete: { labels: undefined, scores: new Set() },
    });
    expect(skipped.expression).toBe('SET #n0 = :v0');
    expect(skipped.names).toEqual({ '#n0': 'note' });
    const both = compile({ delete: { labels: new Set(['a']), scores: new Set([1, 2]) } });
    expect(both.expression).toBe('DELETE #n0 :v0, #n1 :v1');
    expect(both.names).toEqual({ '#n0': 'labels', '#n1': 'scores' });
    expect(both.values).toEqual({ ':v0': { SS: ['a'] }, ':v1': { NS: ['1', '2'] } });
  });

  it('explains what delete, append and prepend take', () => {
    expect(
      fullIssuesOf({ delete: { tags: new Set(['x']) }, append: { tags: 'x' } }).issues,
    ).toEqual([
      {
        path: 'delete.tags',
        rule: 'delete',
        message: 'delete takes a set of elements to take out of a set attribute',
      },
      {
        path: 'append.tags',
        rule: 'overlap',
        message: '"tags" overlaps "tags" (delete); DynamoDB allows one action per path',
      },
    ]);
    expect(fullIssuesOf({ append: { tags: 'x' }, prepend: { note: 'y' } }).issues).toEqual([
      {
        path: 'append.tags',
        rule: 'append',
        message: 'append takes an array of elements for a list attribute',
      },
      {
        path: 'prepend.note',
        rule: 'prepend',
        message: 'prepend takes an array of elements for a list attribute',
      },
    ]);
  });

  it('prepends to a list and skips undefined appends and prepends', () => {
    const prepended = compile({ prepend: { tags: ['y'] } });
    expect(prepended.expression).toBe('SET #n0 = list_append(:v0, if_not_exists(#n0, :v1))');
    expect(prepended.values).toEqual({ ':v0': { L: [{ S: 'y' }] }, ':v1': { L: [] } });
    const skipped = compile({ set: { note: 'x' }, append: { tags: undefined } });
    expect(skipped.expression).toBe('SET #n0 = :v0');
    expect(skipped.names).toEqual({ '#n0': 'note' });
    expect(compile({ set: { note: 'x' }, prepend: { tags: undefined } }).names).toEqual({
      '#n0': 'note',
    });
  });

  it('applies attribute rules to written values, not to elements added, taken out or appended', () => {
    const context = new ExpressionContext(Ruled);
    const expression = compileUpdate(
      context,
      {
        add: { labels: new Set(['a']) },
        delete: { codes: new Set([1]) },
        append: { tags: ['x'] },
        prepend: { notes: ['y'] },
      } satisfies UpdateOf<typeof Ruled>,
      { keyAttributes: ['id'] },
    );
    expect(expression).toBe(
      'SET #n2 = list_append(if_not_exists(#n2, :v3), :v2), ' +
        '#n3 = list_append(:v4, if_not_exists(#n3, :v5)) ADD #n0 :v0 DELETE #n1 :v1',
    );
    expect(context.names).toEqual({
      '#n0': 'labels',
      '#n1': 'codes',
      '#n2': 'tags',
      '#n3': 'notes',
    });
    expect(context.values).toEqual({
      ':v0': { SS: ['a'] },
      ':v1': { NS: ['1'] },
      ':v2': { L: [{ S: 'x' }] },
      ':v3': { L: [] },
      ':v4': { L: [{ S: 'y' }] },
      ':v5': { L: [] },
    });
    let issues: unknown;
    try {
      compileUpdate(
        new ExpressionContext(Ruled),
        { set: { labels: new Set(['a']), tags: ['x'] } } satisfies UpdateOf<typeof Ruled>,
        { keyAttributes: ['id'] },
      );
    } catch (error) {
      issues = error instanceof ValidationError ? error.issues : error;
    }
    expect(issues).toEqual([
      { path: 'set.labels', rule: 'minSize', message: "failed the 'minSize' rule" },
      { path: 'set.tags', rule: 'minLength', message: "failed the 'minLength' rule" },
    ]);
  });

  it('removes several paths, nested ones too, and refuses bad remove lists', () => {
    const { expression, names } = compile({ remove: ['note', 'address.zip', 'tags[1]'] });
    expect(expression).toBe('REMOVE #n0, #n1.#n2, #n3[1]');
    expect(names).toEqual({ '#n0': 'note', '#n1': 'address', '#n2': 'zip', '#n3': 'tags' });
    expect(fullIssuesOf({ remove: 'note' }).issues).toEqual([
      { path: 'remove', rule: 'array', message: '"remove" takes an array of attribute paths' },
    ]);
    expect(fullIssuesOf({ remove: [1, 'note', 'status'] }).issues).toEqual([
      { path: 'remove', rule: 'path', message: 'remove takes attribute names or paths' },
      {
        path: 'remove.status',
        rule: 'required',
        message: '"status" is required and cannot be removed',
      },
    ]);
  });

  it('sets createdAt only where absent, unless the spec sets it or it is the updatedAt', () => {
    const now = new Date('2026-02-03T04:05:06.000Z');
    const stamps = { updatedAtAttribute: 'updated', createdAtAttribute: 'date', now };
    const created = compile({ set: { note: 'x' } }, stamps);
    expect(created.expression).toBe('SET #n0 = :v0, #n1 = :v1, #n2 = if_not_exists(#n2, :v2)');
    expect(created.names).toEqual({ '#n0': 'note', '#n1': 'updated', '#n2': 'date' });
    expect(created.values).toEqual({
      ':v0': { S: 'x' },
      ':v1': { S: '2026-02-03T04:05:06.000Z' },
      ':v2': { S: '2026-02-03T04:05:06.000Z' },
    });
    const explicit = compile({ set: { date: new Date(0) } }, stamps);
    expect(explicit.expression).toBe('SET #n0 = :v0, #n1 = :v1');
    expect(explicit.names).toEqual({ '#n0': 'date', '#n1': 'updated' });
    const same = compile(
      { set: { note: 'x' } },
      { updatedAtAttribute: 'updated', createdAtAttribute: 'updated', now },
    );
    expect(same.expression).toBe('SET #n0 = :v0, #n1 = :v1');
    expect(same.names).toEqual({ '#n0': 'note', '#n1': 'updated' });
  });
});

describe('attributesCreatedBy', () => {
  it('lists root attributes given a value by set, setIfNotExists, add, append and prepend', () => {
    expect(
      attributesCreatedBy({
        set: { status: 'open', 'address.city': 'x', note: undefined, labels: new Set() },
        setIfNotExists: { date: new Date(0), 'tags[0]': 'a' },
        add: { size: 1, scores: new Set(), 'address.visits': 1 },
        append: { tags: ['a'] },
        prepend: { updated: undefined },
        remove: ['version'],
        delete: { labels: new Set(['a']) },
      }),
    ).toEqual(new Set(['status', 'date', 'size', 'tags']));
  });

  it('lists nothing for a spec that is not an object', () => {
    expect(attributesCreatedBy(null)).toEqual(new Set());
    expect(attributesCreatedBy('set')).toEqual(new Set());
    // A function is no update even when it carries clause properties.
    expect(attributesCreatedBy(Object.assign(() => {}, { set: { status: 'open' } }))).toEqual(
      new Set(),
    );
  });
});

describe('names that are members of every object', () => {
  it('are not attributes of the table', () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      expect(issuesOf(JSON.parse(`{ "add": { "${name}": 1 } }`))).toEqual([
        `add.${name}:attribute`,
      ]);
      expect(issuesOf({ set: { [name]: new Set(['a']) } })).toEqual([`set.${name}:attribute`]);
      expect(issuesOf({ remove: [name] })).toEqual([`remove.${name}:attribute`]);
    }
  });
});
