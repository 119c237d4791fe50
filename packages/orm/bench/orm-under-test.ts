/**
 * The ORM side of the benchmark: the user table and the client's own pure request builders.
 * `run.ts` bundles this file with esbuild, as a Lambda deployment would, so the ORM is measured
 * as shipped rather than through the TypeScript loader's development transforms.
 */
import { buildPutInput } from '../src/client/actions/put.js';
import { buildUpdateInput } from '../src/client/actions/update.js';
import { attr, defineTable } from '../src/index.js';
import { TABLE_NAME } from './table-name.js';

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

export const buildPut = (item: unknown) => buildPutInput(UserTable, TABLE_NAME, item);
export const buildUpdate = (key: { user_id: string }, spec: unknown) =>
  buildUpdateInput(UserTable, TABLE_NAME, key, spec);
