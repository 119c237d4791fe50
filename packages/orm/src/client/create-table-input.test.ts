import { afterEach, describe, expect, it } from 'vitest';
import { OrderTable, UserTable } from '../../test/support/tables.js';
import * as attr from '../schema/attr.js';
import { defineTable } from '../schema/define-table.js';
import { createTableInput } from './create-table-input.js';

const SessionTable = defineTable({
  name: 'sessions',
  partitionKey: 'session_id',
  attributes: {
    session_id: attr.string(),
    user_id: attr.string(),
    device: attr.string().optional(),
    started_at: attr.datetime(),
    expires_at: attr.datetime({ storage: 'epochSeconds' }),
  },
  globalSecondaryIndexes: {
    byUser: { partitionKey: 'user_id', sortKey: 'started_at', projection: ['device'] },
    byExpiry: { partitionKey: 'expires_at', projection: 'keys' },
  },
  timeToLive: 'expires_at',
});

describe('createTableInput', () => {
  afterEach(() => {
    delete process.env.DAVINCI_TABLE_USERS;
  });

  it('a partition-key table: key schema, its attribute only, on-demand billing, no TTL', () => {
    expect(createTableInput(UserTable, 'users-test')).toEqual({
      input: {
        TableName: 'users-test',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'user_id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'user_id', KeyType: 'HASH' }],
      },
    });
  });

  it('global and local indexes with their projections; key attributes defined once', () => {
    const { input } = createTableInput(OrderTable, 'orders-test');
    expect(input.KeySchema).toEqual([
      { AttributeName: 'customer', KeyType: 'HASH' },
      { AttributeName: 'order_id', KeyType: 'RANGE' },
    ]);
    expect(input.AttributeDefinitions).toEqual([
      { AttributeName: 'customer', AttributeType: 'S' },
      { AttributeName: 'order_id', AttributeType: 'S' },
      { AttributeName: 'status', AttributeType: 'S' },
      { AttributeName: 'placed_at', AttributeType: 'S' },
      { AttributeName: 'name', AttributeType: 'S' },
    ]);
    expect(input.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'byStatus',
        KeySchema: [
          { AttributeName: 'status', KeyType: 'HASH' },
          { AttributeName: 'placed_at', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    expect(input.LocalSecondaryIndexes).toEqual([
      {
        IndexName: 'byName',
        KeySchema: [
          { AttributeName: 'customer', KeyType: 'HASH' },
          { AttributeName: 'name', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('INCLUDE and KEYS_ONLY projections, epoch-seconds keys as N, and the TTL attribute', () => {
    const { input, timeToLiveAttribute } = createTableInput(SessionTable, 'sessions-test');
    expect(timeToLiveAttribute).toBe('expires_at');
    expect(input.AttributeDefinitions).toContainEqual({
      AttributeName: 'expires_at',
      AttributeType: 'N',
    });
    expect(input.AttributeDefinitions).not.toContainEqual(
      expect.objectContaining({ AttributeName: 'device' }),
    );
    expect(input.GlobalSecondaryIndexes?.map((index) => index.Projection)).toEqual([
      { ProjectionType: 'INCLUDE', NonKeyAttributes: ['device'] },
      { ProjectionType: 'KEYS_ONLY' },
    ]);
    expect(input.LocalSecondaryIndexes).toBeUndefined();
  });

  it('names the table by resource discovery unless a name is given', () => {
    const { DAVINCI_APP_NAME, DAVINCI_DEPLOYMENT_ID } = process.env;
    delete process.env.DAVINCI_APP_NAME;
    delete process.env.DAVINCI_DEPLOYMENT_ID;
    try {
      expect(createTableInput(UserTable).input.TableName).toBe('users');
    } finally {
      if (DAVINCI_APP_NAME !== undefined) process.env.DAVINCI_APP_NAME = DAVINCI_APP_NAME;
      if (DAVINCI_DEPLOYMENT_ID !== undefined)
        process.env.DAVINCI_DEPLOYMENT_ID = DAVINCI_DEPLOYMENT_ID;
    }
    process.env.DAVINCI_TABLE_USERS = 'app-dev-users';
    expect(createTableInput(UserTable).input.TableName).toBe('app-dev-users');
  });
});
