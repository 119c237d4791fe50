// A put + get Lambda handler with @davinci/orm's operation functions (bundle-size benchmark).
import { getItem, putItem, table } from '../../src/index.js';
import { UserTable } from './user-table.js';

const users = table(UserTable);

export async function handler(event: { user_id: string; email: string; name: string }) {
  await putItem(users, { ...event, login_count: 0, created_at: new Date() });
  return getItem(users, { user_id: event.user_id });
}
