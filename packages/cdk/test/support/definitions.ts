import { attr, defineTable } from '@davinci/orm';

/** The user registration example's tables, as its fixture app defines them. */
export { UserStatsTable, UserTable } from '../fixtures/user-system-app/tables.js';

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
