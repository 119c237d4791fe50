import { describe, expect, it } from 'vitest';
import { Application } from '../application/application.js';
import { InvalidOptionError } from '../errors.js';
import { checkTableSchema } from './davinci-table.js';
import type { TableDefinitionLike } from './table-definition.js';

type Schema = TableDefinitionLike['schema'];

function table(schema: Partial<Schema>): TableDefinitionLike {
  return {
    name: 'orders',
    schema: {
      name: 'orders',
      partitionKey: { name: 'pk', type: 'S' },
      globalSecondaryIndexes: [],
      localSecondaryIndexes: [],
      ...schema,
    },
  };
}

function refusal(definition: TableDefinitionLike): { field: string; rule: string } {
  try {
    checkTableSchema(definition);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    const { field, rule } = error as InvalidOptionError;
    return { field, rule };
  }
  throw new Error('expected checkTableSchema to refuse the schema');
}

describe('checkTableSchema', () => {
  it('accepts a key attribute reused with the same type across the table and its indexes', () => {
    const schema = table({
      sortKey: { name: 'at', type: 'N' },
      globalSecondaryIndexes: [
        {
          indexName: 'by_at',
          partitionKey: { name: 'at', type: 'N' },
          sortKey: { name: 'pk', type: 'S' },
          projection: { type: 'ALL' },
        },
      ],
    });
    expect(checkTableSchema(schema)).toBeUndefined();
  });

  it('refuses local secondary indexes on a table without a sort key', () => {
    expect(
      refusal(
        table({
          localSecondaryIndexes: [
            {
              indexName: 'by_time',
              sortKey: { name: 'at', type: 'N' },
              projection: { type: 'ALL' },
            },
          ],
        }),
      ),
    ).toEqual({
      field: 'addTable(orders).localSecondaryIndexes',
      rule: 'local secondary indexes need a table with a sort key',
    });
  });

  it('names both places when the sort key reuses the partition key with another type', () => {
    expect(refusal(table({ sortKey: { name: 'pk', type: 'N' } }))).toEqual({
      field: 'addTable(orders).sortKey',
      rule: "attribute 'pk' is a key of type S at partitionKey and of type N here; one type per attribute",
    });
  });

  it('names the global index key that conflicts with the table sort key', () => {
    expect(
      refusal(
        table({
          sortKey: { name: 'at', type: 'N' },
          globalSecondaryIndexes: [
            {
              indexName: 'by_owner',
              partitionKey: { name: 'owner', type: 'S' },
              sortKey: { name: 'at', type: 'S' },
              projection: { type: 'KEYS_ONLY' },
            },
          ],
        }),
      ),
    ).toEqual({
      field: 'addTable(orders).globalSecondaryIndexes.by_owner.sortKey',
      rule: "attribute 'at' is a key of type N at sortKey and of type S here; one type per attribute",
    });
  });

  it('names the local index key that conflicts with a global index key', () => {
    expect(
      refusal(
        table({
          sortKey: { name: 'at', type: 'N' },
          globalSecondaryIndexes: [
            {
              indexName: 'by_owner',
              partitionKey: { name: 'owner', type: 'S' },
              projection: { type: 'ALL' },
            },
          ],
          localSecondaryIndexes: [
            {
              indexName: 'by_owner_local',
              sortKey: { name: 'owner', type: 'B' },
              projection: { type: 'ALL' },
            },
          ],
        }),
      ),
    ).toEqual({
      field: 'addTable(orders).localSecondaryIndexes.by_owner_local.sortKey',
      rule: "attribute 'owner' is a key of type S at globalSecondaryIndexes.by_owner.partitionKey and of type B here; one type per attribute",
    });
  });

  it('refuses an INCLUDE projection without non-key attributes, naming the index', () => {
    const include = { type: 'INCLUDE' } as const;
    expect(
      refusal(
        table({
          globalSecondaryIndexes: [
            {
              indexName: 'by_owner',
              partitionKey: { name: 'owner', type: 'S' },
              projection: include,
            },
          ],
        }),
      ),
    ).toEqual({
      field: 'addTable(orders).globalSecondaryIndexes.by_owner.projection',
      rule: 'an INCLUDE projection needs at least one non-key attribute; KEYS_ONLY copies only the keys',
    });
    expect(
      refusal(
        table({
          sortKey: { name: 'at', type: 'N' },
          localSecondaryIndexes: [
            {
              indexName: 'by_total',
              sortKey: { name: 'total', type: 'N' },
              projection: { type: 'INCLUDE', nonKeyAttributes: [] },
            },
          ],
        }),
      ),
    ).toEqual({
      field: 'addTable(orders).localSecondaryIndexes.by_total.projection',
      rule: 'an INCLUDE projection needs at least one non-key attribute; KEYS_ONLY copies only the keys',
    });
  });

  it('refuses a table whose derived name passes the 255-character limit, naming the table', () => {
    const app = new Application({
      appName: 'shop',
      deploymentId: 'prod',
      builtinCloudFormationValidation: false,
    });
    const long = 'x'.repeat(250);
    expect(() => app.addTable({ name: long, schema: { ...table({}).schema, name: long } })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        field: `addTable(${long})`,
        rule: `the derived name 'shop-prod-${long}' is 260 characters; the limit is 255`,
      }),
    );
  });
});
