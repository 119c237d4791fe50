import type { ReadmeSetup } from '@davinci/readme-examples';

/**
 * What the README's prose assumes: its README test and the release rehearsal build the same
 * programs from this. The handler example calls the handler its project's `event-handlers.ts`
 * exports; `tables.ts` is the seed application's two tables.
 */
const tables = `
import { attr, defineTable } from '@davinci/orm';
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
  },
});
`;

export const readmeSetup: ReadmeSetup = {
  contexts: {
    handlers: { declarations: "import { handleUserCreated } from './event-handlers.js';" },
  },
  files: { 'tables.ts': tables },
};
