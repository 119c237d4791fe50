// A put + get Lambda handler with @davinci/orm's TableClient (bundle-size benchmark).
import { TableClient } from '../../src/index.js';
import { UserTable } from './user-table.js';

const users = new TableClient(UserTable);

export async function handler(event: { user_id: string; email: string; name: string }) {
  await users.put({ ...event, login_count: 0, created_at: new Date() });
  return users.get({ user_id: event.user_id });
}
