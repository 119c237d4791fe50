// A put + get Lambda handler with @davinci/orm (bundle-size benchmark).
import { attr, defineTable, TableClient } from '../../src/index.js';

const UserTable = defineTable({
  name: 'users',
  partitionKey: 'user_id',
  attributes: {
    user_id: attr.string(),
    email: attr.string(),
    name: attr.string(),
    status: attr.literal('pending', 'active').default('pending'),
    login_count: attr.number(),
    created_at: attr.datetime(),
  },
});
const users = new TableClient(UserTable);

export async function handler(event: { user_id: string; email: string; name: string }) {
  await users.put({ ...event, login_count: 0, created_at: new Date() });
  return users.get({ user_id: event.user_id });
}
