// The user table both @davinci/orm handlers use (bundle-size benchmark).
import { defineTable } from '../../src/index.js';
// What `import * as attr from '@davinci/orm/attr'` resolves to: only the builders used are bundled.
import * as attr from '../../src/schema/attr.js';

export const UserTable = defineTable({
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
