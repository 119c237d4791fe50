import { describe, expect, it } from 'vitest';
import { InvalidDefinitionError } from '../errors.js';
import * as attr from './attr.js';
import { defineTable } from './define-table.js';

/** Defines a table from loosely typed props (as plain JavaScript could) and returns the error. */
function definitionError(props: Record<string, unknown>): string {
  try {
    defineTable(props as never);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    expect((error as InvalidDefinitionError).code).toBe('INVALID_DEFINITION');
    return (error as Error).message;
  }
  return expect.fail('expected an InvalidDefinitionError');
}

const attributes = {
  pk: attr.string(),
  sk: attr.number(),
  email: attr.string().optional(),
  data: attr.json().optional(),
  flag: attr.boolean().optional(),
  tags: attr.stringSet().optional(),
  mixed: attr.literal('a', 1).optional(),
  expires: attr.datetime({ storage: 'epochSeconds' }).optional(),
  iso: attr.datetime().optional(),
  count: attr.number().optional(),
};

describe('defineTable definition checks', () => {
  it('builds the schema the CDK reads', () => {
    const table = defineTable({
      name: 'orders',
      partitionKey: 'pk',
      sortKey: 'sk',
      attributes,
      globalSecondaryIndexes: {
        byEmail: { partitionKey: 'email', sortKey: 'iso', projection: ['count', 'tags'] },
        byExpiry: { partitionKey: 'expires', projection: 'keys' },
      },
      localSecondaryIndexes: { byIso: { sortKey: 'iso' } },
      timeToLive: 'expires',
      version: 'count',
    });
    expect(table.schema).toEqual({
      name: 'orders',
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'N' },
      globalSecondaryIndexes: [
        {
          indexName: 'byEmail',
          partitionKey: { name: 'email', type: 'S' },
          sortKey: { name: 'iso', type: 'S' },
          projection: { type: 'INCLUDE', nonKeyAttributes: ['count', 'tags'] },
        },
        {
          indexName: 'byExpiry',
          partitionKey: { name: 'expires', type: 'N' },
          projection: { type: 'KEYS_ONLY' },
        },
      ],
      localSecondaryIndexes: [
        { indexName: 'byIso', sortKey: { name: 'iso', type: 'S' }, projection: { type: 'ALL' } },
      ],
      timeToLiveAttribute: 'expires',
      versionAttribute: 'count',
    });
    expect(JSON.parse(JSON.stringify(table.schema))).toEqual(table.schema);
    expect(table.versionAttribute).toBe('count');
    expect(table.timeToLiveAttribute).toBe('expires');
  });

  it('key not an attribute', () => {
    expect(definitionError({ name: 'things', partitionKey: 'nope', attributes })).toMatch(
      "partitionKey 'nope' is not an attribute",
    );
    expect(
      definitionError({ name: 'things', partitionKey: 'pk', sortKey: 'gone', attributes }),
    ).toMatch("sortKey 'gone' is not an attribute");
  });

  it('keys on non-scalar types', () => {
    for (const name of ['data', 'flag', 'tags', 'mixed']) {
      expect(definitionError({ name: 'things', partitionKey: name, attributes })).toMatch(
        `partitionKey '${name}' is a`,
      );
    }
    expect(
      definitionError({
        name: 'things',
        partitionKey: 'pk',
        attributes,
        globalSecondaryIndexes: { byData: { partitionKey: 'data' } },
      }),
    ).toMatch("global secondary index 'byData' partitionKey 'data' is a json attribute");
  });

  it('optional primary key attributes (index keys may be optional: sparse indexes)', () => {
    expect(definitionError({ name: 'things', partitionKey: 'email', attributes })).toMatch(
      "partitionKey 'email' is optional",
    );
    expect(
      definitionError({ name: 'things', partitionKey: 'pk', sortKey: 'count', attributes }),
    ).toMatch("sortKey 'count' is optional");
  });

  it('the same attribute as partition and sort key', () => {
    expect(
      definitionError({ name: 'things', partitionKey: 'pk', sortKey: 'pk', attributes }),
    ).toMatch("sortKey 'pk' is also the partitionKey");
  });

  it('time to live: one attribute, an epoch-seconds datetime', () => {
    expect(
      definitionError({ name: 'things', partitionKey: 'pk', attributes, timeToLive: 'iso' }),
    ).toMatch("timeToLive 'iso' must be attr.datetime({ storage: 'epochSeconds' })");
    expect(
      definitionError({ name: 'things', partitionKey: 'pk', attributes, timeToLive: 'count' }),
    ).toMatch("timeToLive 'count' must be");
    expect(
      definitionError({
        name: 'things',
        partitionKey: 'pk',
        attributes,
        timeToLive: ['expires', 'iso'],
      }),
    ).toMatch('at most one timeToLive attribute, got 2');
  });

  it('version must be a non-key number attribute', () => {
    expect(
      definitionError({ name: 'things', partitionKey: 'pk', attributes, version: 'email' }),
    ).toMatch("version 'email' must be a number attribute");
    expect(
      definitionError({
        name: 'things',
        partitionKey: 'pk',
        sortKey: 'sk',
        attributes,
        version: 'sk',
      }),
    ).toMatch("version 'sk' cannot be a key attribute");
  });

  it('duplicate index names across global and local indexes', () => {
    expect(
      definitionError({
        name: 'things',
        partitionKey: 'pk',
        sortKey: 'sk',
        attributes,
        globalSecondaryIndexes: { byIso: { partitionKey: 'email' } },
        localSecondaryIndexes: { byIso: { sortKey: 'iso' } },
      }),
    ).toMatch("index name 'byIso' is used twice");
  });

  it('local secondary index without a table sort key, or on the table sort key', () => {
    expect(
      definitionError({
        name: 'things',
        partitionKey: 'pk',
        attributes,
        localSecondaryIndexes: { byIso: { sortKey: 'iso' } },
      }),
    ).toMatch('local secondary indexes need the table to have a sortKey');
    expect(
      definitionError({
        name: 'things',
        partitionKey: 'pk',
        sortKey: 'sk',
        attributes,
        localSecondaryIndexes: { bySk: { sortKey: 'sk' } },
      }),
    ).toMatch("sortKey 'sk' must differ from the table's keys");
  });

  it('more than 5 local secondary indexes', () => {
    const many = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`local${i}`, { sortKey: 'iso' }]),
    );
    expect(
      definitionError({
        name: 'things',
        partitionKey: 'pk',
        sortKey: 'sk',
        attributes,
        localSecondaryIndexes: many,
      }),
    ).toMatch('at most 5 local secondary indexes, got 6');
  });

  it('projections of unknown, key or repeated attributes', () => {
    const message = definitionError({
      name: 'things',
      partitionKey: 'pk',
      attributes,
      globalSecondaryIndexes: {
        byEmail: { partitionKey: 'email', projection: ['ghost', 'pk', 'count', 'count'] },
      },
    });
    expect(message).toMatch("projects 'ghost', which is not an attribute");
    expect(message).toMatch("projects key attribute 'pk'");
    expect(message).toMatch("projects 'count' twice");
  });

  it('timestamps must name distinct datetime attributes', () => {
    expect(
      definitionError({
        name: 'things',
        partitionKey: 'pk',
        attributes,
        timestamps: { createdAt: 'count' },
      }),
    ).toMatch("timestamps.createdAt 'count' must be a datetime attribute");
    expect(
      definitionError({
        name: 'things',
        partitionKey: 'pk',
        attributes,
        timestamps: { createdAt: 'iso', updatedAt: 'iso' },
      }),
    ).toMatch('are both');
  });

  it('names, attribute names, builders, defaults and unknown options', () => {
    // Any value, even one JSON cannot show, gets a definition error rather than a TypeError.
    expect(definitionError({ name: 1n, partitionKey: 2n, attributes })).toMatch(
      'name 1n must be 1-255',
    );
    expect(() => attr.datetime({ storage: 1n as never })).toThrow(InvalidDefinitionError);
    // The logical name is only part of the physical one, so a short name is fine.
    expect(defineTable({ name: 'kv', partitionKey: 'pk', attributes }).name).toBe('kv');
    expect(defineTable({ name: 'x', partitionKey: 'pk', attributes }).name).toBe('x');
    for (const name of ['', 'has space', 'a/b', 'x'.repeat(256)]) {
      expect(definitionError({ name, partitionKey: 'pk', attributes })).toMatch(
        `name ${JSON.stringify(name)} must be 1-255 characters`,
      );
    }
    // Index names are used as they are, so DynamoDB's 3-character minimum applies.
    expect(
      definitionError({
        name: 'kv',
        partitionKey: 'pk',
        attributes,
        globalSecondaryIndexes: { ix: { partitionKey: 'iso' } },
      }),
    ).toMatch('global secondary index name "ix" must be 3-255');
    expect(
      definitionError({
        name: 'things',
        partitionKey: 'pk',
        attributes: { pk: attr.string(), 'a.b': attr.string() },
      }),
    ).toMatch("attribute name 'a.b' must be non-empty and free of '.'");
    expect(
      definitionError({
        name: 'things',
        partitionKey: 'pk',
        attributes: { pk: attr.string(), raw: 'string' },
      }),
    ).toMatch("attribute 'raw' must be built with attr.*()");
    expect(
      definitionError({
        name: 'things',
        partitionKey: 'pk',
        attributes: { pk: attr.string(), n: attr.number().default('zero' as never) },
      }),
    ).toMatch("attribute 'n' default expected a number, got string");
    expect(
      definitionError({ name: 'things', partitionKey: 'pk', attributes, sortkey: 'sk' }),
    ).toMatch("unknown option 'sortkey'");
  });

  it('reports every problem at once', () => {
    const message = definitionError({
      name: 'things',
      partitionKey: 'data',
      attributes,
      timeToLive: 'iso',
      version: 'email',
    });
    expect(message.split('; ')).toHaveLength(3);
  });
});
