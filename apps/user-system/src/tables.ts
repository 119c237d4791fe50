import { attr, defineTable, type ItemOf } from '@davinci/orm';

/** Users: one item per registered user. */
export const UserTable = defineTable({
  name: 'users',
  partitionKey: 'user_id',
  attributes: {
    user_id: attr.string().describe('Random UUID given at registration'),
    email: attr.string().validate((value) => value.includes('@'), 'email'),
    name: attr.string(),
    status: attr.literal('pending', 'active').default('pending'),
    created_at: attr.datetime(),
  },
});

/** Counters over all users, under the key `global`. Written only by atomic updates. */
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

export type User = ItemOf<typeof UserTable>;
export type UserStats = ItemOf<typeof UserStatsTable>;

/** The key of the one stats item the handlers maintain. */
export const GLOBAL_STATS = { stat_key: 'global' } as const;
