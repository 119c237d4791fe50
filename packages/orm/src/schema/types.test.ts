import { describe, expect, expectTypeOf, it } from 'vitest';
import { InvalidDefinitionError } from '../errors.js';
import * as attr from './attr.js';
import { defineTable } from './define-table.js';
import type {
  AddableAttributeNames,
  AttributeNames,
  AttributeValueOf,
  ElementOf,
  IndexKeyAttributeNames,
  IndexNames,
  ItemOf,
  KeyOf,
  ListAttributeNames,
  NonKeyAttributeNames,
  NumberAttributeNames,
  PutInputOf,
  SetAttributeNames,
} from './types.js';

const Users = defineTable({
  name: 'users',
  partitionKey: 'user_id',
  sortKey: 'created_at',
  attributes: {
    user_id: attr.string(),
    created_at: attr.datetime(),
    updated_at: attr.datetime(),
    status: attr.literal('pending', 'active').default('pending'),
    age: attr.number().optional(),
    version: attr.number(),
    tags: attr.stringSet().optional(),
    scores: attr.numberList(),
    address: attr.json<{ city: string }>(),
    tenant_key: attr.compositeString(['tenant', 'user']),
    email: attr.string().optional(),
  },
  version: 'version',
  timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' },
  globalSecondaryIndexes: { byEmail: { partitionKey: 'email', sortKey: 'status' } },
  localSecondaryIndexes: { byStatus: { sortKey: 'status' } },
});
type Users = typeof Users;

describe('inferred types', () => {
  it('ItemOf: required and optional attributes with their value types', () => {
    expectTypeOf<ItemOf<Users>>().toEqualTypeOf<{
      user_id: string;
      created_at: Date;
      updated_at: Date;
      status: 'pending' | 'active';
      version: number;
      scores: number[];
      address: { city: string };
      tenant_key: { tenant: string; user: string };
      age?: number;
      tags?: Set<string>;
      email?: string;
    }>();
  });

  it('KeyOf: partition and sort key only', () => {
    expectTypeOf<KeyOf<Users>>().toEqualTypeOf<{ user_id: string; created_at: Date }>();
    // @ts-expect-error the sort key is required
    const missingSortKey: KeyOf<Users> = { user_id: 'u' };
    // @ts-expect-error wrong value type
    const wrongType: KeyOf<Users> = { user_id: 1, created_at: new Date() };
    void missingSortKey;
    void wrongType;
  });

  it('PutInputOf: defaults, version and timestamps become optional', () => {
    expectTypeOf<PutInputOf<Users>>().toEqualTypeOf<{
      user_id: string;
      scores: number[];
      address: { city: string };
      tenant_key: { tenant: string; user: string };
      created_at?: Date;
      updated_at?: Date;
      status?: 'pending' | 'active';
      version?: number;
      age?: number;
      tags?: Set<string>;
      email?: string;
    }>();
    const ok: PutInputOf<Users> = {
      user_id: 'u',
      scores: [],
      address: { city: 'x' },
      tenant_key: { tenant: 't', user: 'u' },
    };
    // @ts-expect-error unknown attribute
    const unknown: PutInputOf<Users> = { ...ok, colour: 'red' };
    // @ts-expect-error literal outside the union
    const badLiteral: PutInputOf<Users> = { ...ok, status: 'deleted' };
    void unknown;
    void badLiteral;
  });

  it('attribute name groups for typed updates and conditions', () => {
    expectTypeOf<AttributeNames<Users>>().toEqualTypeOf<keyof ItemOf<Users>>();
    expectTypeOf<NumberAttributeNames<Users>>().toEqualTypeOf<'age' | 'version'>();
    expectTypeOf<SetAttributeNames<Users>>().toEqualTypeOf<'tags'>();
    expectTypeOf<ListAttributeNames<Users>>().toEqualTypeOf<'scores'>();
    expectTypeOf<AddableAttributeNames<Users>>().toEqualTypeOf<'age' | 'version' | 'tags'>();
    expectTypeOf<NonKeyAttributeNames<Users>>().not.toEqualTypeOf<AttributeNames<Users>>();
    expectTypeOf<'user_id'>().not.toExtend<NonKeyAttributeNames<Users>>();
    expectTypeOf<AttributeValueOf<Users, 'status'>>().toEqualTypeOf<'pending' | 'active'>();
    expectTypeOf<ElementOf<Users, 'tags'>>().toEqualTypeOf<string>();
    expectTypeOf<ElementOf<Users, 'scores'>>().toEqualTypeOf<number>();
    // @ts-expect-error not an attribute name
    expectTypeOf<AttributeValueOf<Users, 'nope'>>().toBeNever();
  });

  it('index names and their keys', () => {
    expectTypeOf<IndexNames<Users>>().toEqualTypeOf<'byEmail' | 'byStatus'>();
    expectTypeOf<IndexKeyAttributeNames<Users, 'byEmail'>>().toEqualTypeOf<'email' | 'status'>();
    expectTypeOf<IndexKeyAttributeNames<Users, 'byStatus'>>().toEqualTypeOf<'user_id' | 'status'>();
  });

  it('definition methods are typed by the table', () => {
    expectTypeOf(Users.fromItem).returns.toEqualTypeOf<ItemOf<Users>>();
    expectTypeOf(Users.toKey).parameter(0).toEqualTypeOf<KeyOf<Users>>();
  });

  it('definitions with bad key, version or timestamp names do not compile (and throw at runtime)', () => {
    const attributes = { id: attr.string(), data: attr.json(), n: attr.number(), s: attr.string() };
    const base = { name: 'things', attributes };
    // @ts-expect-error not an attribute
    const unknownKey = () => defineTable({ ...base, partitionKey: 'nope' });
    // @ts-expect-error json cannot be a key
    const jsonKey = () => defineTable({ ...base, partitionKey: 'data' });
    // @ts-expect-error the version must be a number attribute
    const textVersion = () => defineTable({ ...base, partitionKey: 'id', version: 's' });
    const numberStamp = () =>
      // @ts-expect-error timestamps must be datetime attributes
      defineTable({ ...base, partitionKey: 'id', timestamps: { createdAt: 'n' } });
    // @ts-expect-error timeToLive must be a datetime attribute
    const numberTtl = () => defineTable({ ...base, partitionKey: 'id', timeToLive: 'n' });
    for (const define of [unknownKey, jsonKey, textVersion, numberStamp, numberTtl]) {
      expect(define).toThrow(InvalidDefinitionError);
    }
  });

  it('builders infer their value types', () => {
    expectTypeOf(attr.enum(['a', 'b']).props.codec.marshal)
      .parameter(0)
      .toEqualTypeOf<'a' | 'b'>();
    // @ts-expect-error a default must match the attribute type
    attr.number().default('zero');
    // @ts-expect-error custom rules see the attribute's value type
    attr.string().validate((value: number) => value > 0);
  });
});
