import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isVersionConflict,
  TableClient,
  TransactionCanceledError,
  transactGet,
  transactWrite,
  ValidationError,
} from '../src/index.js';
import { createTable, localClient } from './support/dynamodb.js';
import { OrderTable, UserStatsTable, UserTable } from './support/tables.js';

let client: DynamoDBClient;
let users: TableClient<typeof UserTable>;
let stats: TableClient<typeof UserStatsTable>;
let orders: TableClient<typeof OrderTable>;
const now = new Date('2026-05-01T12:00:00.000Z');

beforeAll(async () => {
  client = localClient();
  users = new TableClient(UserTable, { client, tableName: await createTable(client, UserTable) });
  stats = new TableClient(UserStatsTable, {
    client,
    tableName: await createTable(client, UserStatsTable),
  });
  orders = new TableClient(OrderTable, {
    client,
    tableName: await createTable(client, OrderTable),
  });
});
afterAll(() => client.destroy());

describe('transactWrite', () => {
  it('writes across tables atomically: a user and the counter that counts it', async () => {
    await stats.put({ stat_key: 'tx', updated_at: now });
    await transactWrite([
      users.transaction.put(
        { user_id: 'tx1', email: 'a@example.com', name: 'A', created_at: now },
        { mustNotExist: true },
      ),
      stats.transaction.update({ stat_key: 'tx' }, { add: { total_users: 1 } }),
    ]);
    expect(await users.get({ user_id: 'tx1' })).toMatchObject({ name: 'A', status: 'pending' });
    expect((await stats.get({ stat_key: 'tx' }))?.total_users).toBe(1);
  });

  it('applies nothing when one condition fails, and reports each failing operation with the stored item', async () => {
    await users.put({ user_id: 'tx2', email: 'b@example.com', name: 'B', created_at: now });
    const error = await transactWrite(
      [
        stats.transaction.update({ stat_key: 'tx' }, { add: { total_users: 1 } }),
        users.transaction.put(
          { user_id: 'tx2', email: 'b@example.com', name: 'B2', created_at: now },
          { mustNotExist: true },
        ),
        users.transaction.conditionCheck({ user_id: 'tx1' }, { status: 'active' }),
        users.transaction.delete({ user_id: 'tx3-missing' }),
      ],
      { clientRequestToken: 'tx-cancel-1' },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionCanceledError);
    const canceled = error as TransactionCanceledError;
    expect(canceled.code).toBe('TRANSACTION_CANCELED');
    expect(canceled.reasons.map(({ index, code }) => ({ index, code }))).toEqual([
      { index: 1, code: 'ConditionalCheckFailed' },
      { index: 2, code: 'ConditionalCheckFailed' },
    ]);
    expect(canceled.reasons[0]?.item).toMatchObject({ user_id: 'tx2', name: 'B' });
    expect(canceled.reasons[1]?.item).toMatchObject({ user_id: 'tx1', status: 'pending' });
    expect((await stats.get({ stat_key: 'tx' }))?.total_users).toBe(1);
  });

  it('checks and bumps versions inside a transaction', async () => {
    const key = { customer: 'tx', order_id: 'o1' };
    const created = await orders.put({ ...key, name: 'n', placed_at: now });
    await transactWrite([orders.transaction.put({ ...created, name: 'n2' })]);
    expect((await orders.get(key))?.version).toBe(2);
    const stale = await transactWrite([orders.transaction.put({ ...created, name: 'n3' })]).catch(
      (caught: unknown) => caught,
    );
    expect(stale).toBeInstanceOf(TransactionCanceledError);
    expect((stale as TransactionCanceledError).reasons[0]?.item).toMatchObject({
      version: 2,
      name: 'n2',
    });
    await transactWrite([
      orders.transaction.update(key, { set: { name: 'n4' } }, { expectedVersion: 2 }),
    ]);
    expect(await orders.get(key)).toMatchObject({ version: 3, name: 'n4' });
  });

  it('marks a reason whose only failing condition is the version check as a version conflict', async () => {
    const key = { customer: 'tx-conflict', order_id: 'o1' };
    const created = await orders.put({ ...key, name: 'n', placed_at: now });
    await orders.update(key, { set: { name: 'n2' } }); // version 2: `created` is stale
    const other = await orders.put({
      customer: 'tx-conflict',
      order_id: 'o2',
      name: 'm',
      placed_at: now,
    });
    const error = await transactWrite([
      users.transaction.put(
        { user_id: 'tx-conflict', email: 'c@example.com', name: 'C', created_at: now },
        { mustNotExist: true },
      ),
      orders.transaction.put({ ...created, name: 'n3' }),
      orders.transaction.update(other, { set: { name: 'm2' } }, { expectedVersion: 5 }),
      orders.transaction.delete(
        { customer: 'tx-conflict', order_id: 'o3' },
        { condition: { name: 'x' } },
      ),
    ]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionCanceledError);
    const { reasons } = error as TransactionCanceledError;
    expect(reasons.map((reason) => [reason.index, isVersionConflict(reason)])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    expect(reasons[0]).toMatchObject({
      code: 'ConditionalCheckFailed',
      versionConflict: true,
      expectedVersion: 1,
      actualVersion: 2,
      item: { name: 'n2', version: 2 },
    });
    expect(reasons[1]).toMatchObject({ expectedVersion: 5, actualVersion: 1 });
    expect(reasons[2]).not.toHaveProperty('versionConflict');
    // A new item expected (no version) where one exists is a conflict too.
    const duplicate = await transactWrite([
      orders.transaction.put({ ...key, name: 'again', placed_at: now }),
    ]).catch((caught: unknown) => caught);
    expect((duplicate as TransactionCanceledError).reasons[0]).toMatchObject({
      versionConflict: true,
      expectedVersion: undefined,
      actualVersion: 2,
    });
    // With a caller condition as well, which check failed is not known: no flag.
    const conditioned = await transactWrite([
      orders.transaction.update(
        other,
        { set: { name: 'm3' } },
        {
          expectedVersion: 5,
          condition: { name: 'm' },
        },
      ),
    ]).catch((caught: unknown) => caught);
    expect(isVersionConflict((conditioned as TransactionCanceledError).reasons[0])).toBe(false);
  });

  it('reports an update that finds no item and may not create one by its missing attributes', async () => {
    const error = await transactWrite([
      stats.transaction.update({ stat_key: 'tx-missing' }, { add: { total_users: 1 } }),
      users.transaction.update({ user_id: 'tx-ghost' }, { set: { status: 'active' } }),
    ]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionCanceledError);
    expect((error as TransactionCanceledError).reasons).toEqual([
      {
        index: 1,
        code: 'ConditionalCheckFailed',
        message:
          'the item does not exist, and this update cannot create it: it does not write the required attributes email, name, created_at',
        missingAttributes: ['email', 'name', 'created_at'],
      },
    ]);
    // With mustExist the caller asked for an existing item: a plain failed condition.
    const asked = await transactWrite([
      users.transaction.update(
        { user_id: 'tx-ghost' },
        { set: { status: 'active' } },
        { mustExist: true },
      ),
    ]).catch((caught: unknown) => caught);
    expect((asked as TransactionCanceledError).reasons).toEqual([
      { index: 0, code: 'ConditionalCheckFailed', message: 'The conditional request failed' },
    ]);
  });

  it('refuses more than 100 operations, or two on one item, before sending', async () => {
    const many = Array.from({ length: 101 }, (_, i) =>
      users.transaction.delete({ user_id: `many-${i}` }),
    );
    await expect(transactWrite(many)).rejects.toMatchObject({
      issues: [{ rule: 'transaction-size' }],
    });
    await expect(transactWrite([])).rejects.toBeInstanceOf(ValidationError);
    await expect(
      transactWrite([
        users.transaction.delete({ user_id: 'same' }),
        users.transaction.conditionCheck({ user_id: 'same' }, { name: 'x' }),
      ]),
    ).rejects.toMatchObject({ issues: [{ path: 'operations[1]', rule: 'unique-item' }] });
  });

  it('validates every operation when it is built', () => {
    expect(() => users.transaction.put({ user_id: 'v', email: 1 } as never)).toThrow(
      ValidationError,
    );
    expect(() =>
      stats.transaction.update({ stat_key: 'x' }, { set: { stat_key: 'y' } } as never),
    ).toThrow(ValidationError);
  });
});

describe('transactGet', () => {
  it('reads items from several tables at once, typed per table, undefined where missing', async () => {
    const [user, stat, missing] = await transactGet([
      users.transaction.get({ user_id: 'tx1' }),
      stats.transaction.get({ stat_key: 'tx' }, { projection: ['total_users'] }),
      users.transaction.get({ user_id: 'nobody' }),
    ]);
    expect(user?.email).toBe('a@example.com');
    expect(stat).toEqual({ total_users: 1 });
    expect(missing).toBeUndefined();
  });
});
