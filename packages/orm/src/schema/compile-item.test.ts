import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { issuesOf } from './__tests__/helpers.js';
import * as attr from './attr.js';
import { defineTable } from './define-table.js';

const Orders = defineTable({
  name: 'orders',
  partitionKey: 'tenant',
  sortKey: 'order_id',
  attributes: {
    tenant: attr.string(),
    order_id: attr.number({ integer: true }),
    status: attr.literal('open', 'paid').default('open'),
    total: attr.number({ min: 0 }),
    note: attr.string().optional(),
    version: attr.number(),
    created_at: attr.datetime(),
    updated_at: attr.datetime(),
  },
  version: 'version',
  timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' },
});

describe('parsePut', () => {
  it('fills defaults and timestamps; version may be left to the client', () => {
    const before = Date.now();
    const item = Orders.parsePut({ tenant: 't', order_id: 1, total: 5 });
    expect(item).toMatchObject({ tenant: 't', order_id: 1, total: 5, status: 'open' });
    expect(item.created_at).toBeInstanceOf(Date);
    expect(item.created_at.getTime()).toBeGreaterThanOrEqual(before);
    expect(item.updated_at).toEqual(item.created_at);
    expect(item.created_at).not.toBe(item.updated_at);
    expect('version' in item).toBe(false);
  });

  it('keeps given timestamps and does not change the input', () => {
    const created = new Date('2020-01-01T00:00:00.000Z');
    const input = { tenant: 't', order_id: 1, total: 5, created_at: created };
    const item = Orders.parsePut(input);
    expect(item.created_at).toBe(created);
    expect(input).toEqual({ tenant: 't', order_id: 1, total: 5, created_at: created });
  });

  it('collects every issue into one ValidationError naming path, rule and message', () => {
    let thrown: unknown;
    try {
      Orders.parsePut({
        tenant: 7,
        order_id: 1.5,
        total: -1,
        status: 'void',
        colour: 'red',
        note: null,
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    const error = thrown as ValidationError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.table).toBe('orders');
    expect(error.issues.map((issue) => `${issue.path}:${issue.rule}`)).toEqual([
      'tenant:type',
      'order_id:integer',
      'status:literal',
      'total:min',
      'note:type',
      'colour:unknownAttribute',
    ]);
    expect(error.message).toMatch(
      /^orders: invalid input: tenant \(type\): expected a string, got number/,
    );
  });

  it('ignores unknown keys whose value is undefined', () => {
    const item = Orders.parsePut({ tenant: 't', order_id: 1, total: 0, extra: undefined });
    expect(Object.keys(item).sort()).toEqual([
      'created_at',
      'order_id',
      'status',
      'tenant',
      'total',
      'updated_at',
    ]);
    expect(item).toMatchObject({ tenant: 't', order_id: 1, total: 0, status: 'open' });
  });

  it('rejects a non-object', () => {
    expect(issuesOf(() => Orders.parsePut('item'))).toEqual([
      { path: '', rule: 'type', message: 'expected an item object, got string' },
    ]);
    expect(issuesOf(() => Orders.parsePut([])).map((issue) => issue.rule)).toEqual(['type']);
  });
});

describe('toItem / fromItem', () => {
  it('round-trips in memory, omitting missing optional attributes', () => {
    const item = Orders.parsePut({ tenant: 't', order_id: 2, total: 9.5, version: 3 });
    const raw = Orders.toItem(item);
    expect(raw).not.toHaveProperty('note');
    expect(raw.total).toEqual({ N: '9.5' });
    expect(Orders.fromItem(raw)).toEqual(item);
  });

  it('drops stored attributes the definition does not know', () => {
    const raw = Orders.toItem(Orders.parsePut({ tenant: 't', order_id: 2, total: 1, version: 1 }));
    expect(Orders.fromItem({ ...raw, legacy: { S: 'x' } })).not.toHaveProperty('legacy');
  });

  it('reads a missing attribute that has a default as the default', () => {
    const raw = Orders.toItem(Orders.parsePut({ tenant: 't', order_id: 2, total: 1, version: 1 }));
    const { status: _status, ...withoutStatus } = raw;
    expect(Orders.fromItem(withoutStatus).status).toBe('open');
  });

  it('something that is not a stored item is a type error, not a TypeError', () => {
    for (const raw of [undefined, null, 'item']) {
      expect(issuesOf(() => Orders.fromItem(raw as never)).map((issue) => issue.rule)).toEqual([
        'type',
      ]);
    }
  });

  it('a stored value of the wrong type is a storedType error naming the attribute', () => {
    const raw = Orders.toItem(Orders.parsePut({ tenant: 't', order_id: 2, total: 1, version: 1 }));
    expect(issuesOf(() => Orders.fromItem({ ...raw, total: { S: '1' } }))).toEqual([
      {
        path: 'total',
        rule: 'storedType',
        message: 'stored value {"S":"1"} does not fit a number attribute',
      },
    ]);
  });
});

describe('toKey', () => {
  it('marshals the key, ignoring other attributes so a whole item can be passed', () => {
    expect(Orders.toKey({ tenant: 't', order_id: 4 })).toEqual({
      tenant: { S: 't' },
      order_id: { N: '4' },
    });
    const item = Orders.parsePut({ tenant: 't', order_id: 4, total: 1 });
    expect(Orders.toKey(item)).toEqual({ tenant: { S: 't' }, order_id: { N: '4' } });
  });

  it('reports every missing or bad key attribute', () => {
    expect(
      issuesOf(() => Orders.toKey({ tenant: 1 } as never)).map((i) => `${i.path}:${i.rule}`),
    ).toEqual(['tenant:type', 'order_id:required']);
  });
});

describe('empty key values', () => {
  const Accounts = defineTable({
    name: 'accounts',
    partitionKey: 'id',
    sortKey: 'sk',
    attributes: {
      id: attr.string(),
      sk: attr.compositeString(['kind']),
      email: attr.string().optional(),
      region: attr.literal('', 'eu'),
      at: attr.string(),
      nickname: attr.string(),
    },
    globalSecondaryIndexes: { byEmail: { partitionKey: 'email', sortKey: 'region' } },
    localSecondaryIndexes: { byAt: { sortKey: 'at' } },
  });
  const valid = { id: 'a', sk: { kind: 'k' }, region: 'eu', at: 'x', nickname: '' } as const;
  const emptyKeys = (call: () => unknown) =>
    issuesOf(call)
      .filter((issue) => issue.rule === 'emptyKey')
      .map((issue) => issue.path);

  it('a put rejects an empty string in any table or index key, sparse index keys included', () => {
    expect(Accounts.parsePut(valid)).toEqual(valid);
    expect(
      emptyKeys(() =>
        Accounts.parsePut({
          id: '',
          sk: { kind: '' },
          email: '',
          region: '',
          at: '',
          nickname: '',
        }),
      ),
    ).toEqual(['id', 'sk', 'email', 'region', 'at']);
    // A sparse index key may be absent, just not empty.
    expect(Accounts.parsePut({ ...valid, email: undefined })).not.toHaveProperty('email');
  });

  it('a key rejects an empty string', () => {
    expect(emptyKeys(() => Accounts.toKey({ id: '', sk: { kind: '' } }))).toEqual(['id', 'sk']);
  });

  it('a written key value must not be empty; a compared one may be', () => {
    expect(emptyKeys(() => Accounts.toValue('email', ''))).toEqual(['email']);
    expect(Accounts.toValue('email', '', { rules: false })).toEqual({ S: '' });
    expect(Accounts.toValue('nickname', '')).toEqual({ S: '' });
  });
});
