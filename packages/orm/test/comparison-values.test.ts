import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attr, defineTable, TableClient, ValidationError } from '../src/index.js';
import { createTable, localClient } from './support/dynamodb.js';

/** Attributes with rules: they constrain what is stored, not what a condition compares with. */
const StockTable = defineTable({
  name: 'stock',
  partitionKey: 'warehouse',
  sortKey: 'bin',
  attributes: {
    warehouse: attr.string({ pattern: /^W-/ }),
    bin: attr.number({ min: 1 }),
    qty: attr.number({ min: 1, integer: true }),
    label: attr.string({ minLength: 3 }),
  },
});

let client: DynamoDBClient;
let stock: TableClient<typeof StockTable>;

beforeAll(async () => {
  client = localClient();
  stock = new TableClient(StockTable, { client, tableName: await createTable(client, StockTable) });
  for (const bin of [1, 2, 3]) {
    await stock.put({ warehouse: 'W-1', bin, qty: bin * 2, label: `bin ${bin}` });
  }
});
afterAll(() => client.destroy());

describe('values compared in conditions, filters and key conditions', () => {
  it('are checked for type only, not against the attribute rules', async () => {
    const all = await stock.query({ where: { warehouse: 'W-1' }, filter: { qty: { gte: 0 } } });
    expect(all.items.map((item) => item.bin)).toEqual([1, 2, 3]);
    const none = await stock.query({ where: { warehouse: 'W-1' }, filter: { qty: { lt: 1 } } });
    expect(none.items).toEqual([]);
    const fromZero = await stock.query({ where: { warehouse: 'W-1', bin: { between: [0, 2] } } });
    expect(fromZero.items.map((item) => item.bin)).toEqual([1, 2]);
    expect(await stock.count({ where: { warehouse: 'W-1' }, filter: { label: { ne: 'x' } } })).toBe(
      3,
    );
    expect(
      (await stock.scan({ filter: { qty: { in: [0, 2.5, 4] }, warehouse: { ne: 'other' } } }))
        .items,
    ).toEqual([{ warehouse: 'W-1', bin: 2, qty: 4, label: 'bin 2' }]);
    const updated = await stock.update(
      { warehouse: 'W-1', bin: 1 },
      { add: { qty: 1 } },
      { condition: { qty: { gt: 0 }, label: { ne: '' } } },
    );
    expect(updated.qty).toBe(3);
    expect(
      await stock.delete({ warehouse: 'W-1', bin: 3 }, { condition: { qty: { ne: 0 } } }),
    ).toMatchObject({ bin: 3 });
  });

  it('still refuse a value of the wrong type, and writes still obey the rules', async () => {
    await expect(
      stock.query({ where: { warehouse: 'W-1' }, filter: { qty: { gte: '0' as never } } }),
    ).rejects.toMatchObject({ issues: [{ path: 'qty', rule: 'type' }] });
    await expect(
      stock.update({ warehouse: 'W-1', bin: 2 }, { set: { qty: 0 } }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(stock.put({ warehouse: 'W-1', bin: 9, qty: 0, label: 'x' })).rejects.toMatchObject(
      { issues: [{ rule: 'min' }, { rule: 'minLength' }] },
    );
  });
});
