import { attr, defineTable } from '../../src/index.js';

/** The seed's users table. */
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

/** The seed's statistics table: counters updated atomically by event handlers. */
export const UserStatsTable = defineTable({
  name: 'user_stats',
  partitionKey: 'stat_key',
  attributes: {
    stat_key: attr.string(),
    total_users: attr.number().default(0),
    active_users: attr.number().default(0),
    updated_at: attr.datetime(),
  },
  timestamps: { updatedAt: 'updated_at' },
});

/**
 * A table exercising what the seed does not: a sort key, indexes, reserved-word attribute names
 * (`name`, `status`, `count`, `size`), nested json, lists and sets, a version attribute.
 */
export const OrderTable = defineTable({
  name: 'orders',
  partitionKey: 'customer',
  sortKey: 'order_id',
  attributes: {
    customer: attr.string(),
    order_id: attr.string(),
    name: attr.string(),
    status: attr.literal('open', 'paid', 'shipped').default('open'),
    count: attr.number().default(0),
    size: attr.number().optional(),
    placed_at: attr.datetime(),
    address: attr.json<{ city: string; zip?: string; lines?: string[] }>().optional(),
    tags: attr.stringList().optional(),
    labels: attr.stringSet().optional(),
    scores: attr.numberSet().optional(),
    note: attr.string().optional(),
    version: attr.number().optional(),
  },
  version: 'version',
  globalSecondaryIndexes: { byStatus: { partitionKey: 'status', sortKey: 'placed_at' } },
  localSecondaryIndexes: { byName: { sortKey: 'name' } },
});

/** A plain sort-key table without a version, for batch and pagination tests. */
export const EventTable = defineTable({
  name: 'events',
  partitionKey: 'stream',
  sortKey: 'seq',
  attributes: {
    stream: attr.string(),
    seq: attr.number(),
    kind: attr.string(),
    payload: attr.json().optional(),
  },
});
