// The operation-functions handler, with `attr` imported from the package root instead of
// '@davinci/orm/attr' (bundle-size benchmark): esbuild then keeps every attribute builder.
import { attr, defineTable, getItem, putItem, table } from '../../src/index.js';

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
const users = table(UserTable);

export async function handler(event: { user_id: string; email: string; name: string }) {
  await putItem(users, { ...event, login_count: 0, created_at: new Date() });
  return getItem(users, { user_id: event.user_id });
}
