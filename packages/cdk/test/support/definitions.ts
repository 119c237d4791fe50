import { attr, defineTable } from '@davinci/orm';

/** The user registration example's tables. */
export const UserTable = defineTable({
  name: 'users',
  partitionKey: 'user_id',
  attributes: {
    user_id: attr.string(),
    email: attr.string(),
    name: attr.string(),
    status: attr.string().default('pending'),
    created_at: attr.datetime(),
  },
});

export const UserStatsTable = defineTable({
  name: 'user_stats',
  partitionKey: 'stat_key',
  attributes: {
    stat_key: attr.string(),
    total_users: attr.number().default(0),
    active_users: attr.number().default(0),
    updated_at: attr.datetime(),
  },
});

/** Every schema feature the CDK maps: sort key, GSIs and an LSI with each projection, TTL. */
export const OrderTable = defineTable({
  name: 'orders',
  partitionKey: 'customer_id',
  sortKey: 'order_id',
  attributes: {
    customer_id: attr.string(),
    order_id: attr.string(),
    status: attr.string(),
    total: attr.number(),
    placed_at: attr.number(),
    note: attr.string().optional(),
    expires_at: attr.datetime({ storage: 'epochSeconds' }),
  },
  globalSecondaryIndexes: {
    by_status: { partitionKey: 'status', sortKey: 'placed_at', projection: ['total', 'note'] },
    by_order: { partitionKey: 'order_id', projection: 'keys' },
  },
  localSecondaryIndexes: {
    by_total: { sortKey: 'total' },
  },
  timeToLive: 'expires_at',
});
