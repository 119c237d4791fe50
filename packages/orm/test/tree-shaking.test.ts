import { fileURLToPath } from 'node:url';
import { bundleMinified } from '@davinci/minified-bundle';
import { describe, expect, it } from 'vitest';

/** The source files esbuild keeps when bundling `code` (minified, AWS SDK external), as a Lambda would. */
async function bundledFiles(code: string): Promise<string[]> {
  const { inputs } = await bundleMinified(code, fileURLToPath(new URL('.', import.meta.url)), {
    external: ['@aws-sdk/*', '@smithy/*'],
  });
  return inputs.map((file) => file.replace(/^.*?src\//, 'src/'));
}

const table = `
  import { defineTable, getItem, putItem, table, TableClient } from '../src/index.js';
  import * as attr from '../src/schema/attr.js';
  const UserTable = defineTable({
    name: 'users',
    partitionKey: 'user_id',
    attributes: { user_id: attr.string(), status: attr.literal('a', 'b'), created_at: attr.datetime() },
  });
`;

describe('tree shaking (what a put + get handler bundles)', () => {
  it('operation functions bring only their own actions and the attribute types used', async () => {
    const files = await bundledFiles(`${table}
      const users = table(UserTable);
      export const handler = async (id: string) => {
        await putItem(users, { user_id: id, status: 'a', created_at: new Date() });
        return getItem(users, { user_id: id });
      };`);
    expect(files).toEqual(
      expect.arrayContaining(['src/client/actions/put.ts', 'src/client/actions/get.ts']),
    );
    for (const unused of [
      'src/client/table-client.ts',
      'src/client/actions/update.ts',
      'src/client/actions/query.ts',
      'src/client/actions/scan.ts',
      'src/client/actions/batch-get.ts',
      'src/client/actions/batch-write.ts',
      'src/client/actions/transact-write.ts',
      'src/client/expressions/update.ts',
      'src/client/expressions/key-condition.ts',
      'src/client/cursor.ts',
      'src/schema/json-value.ts',
      'src/schema/attributes/json.ts',
      'src/schema/attributes/lists.ts',
      'src/schema/attributes/sets.ts',
      'src/schema/attributes/composite-string.ts',
      'src/schema/attributes/boolean.ts',
      'src/schema/attributes/number.ts',
    ]) {
      expect(files, unused).not.toContain(unused);
    }
  });

  it('TableClient keeps every operation (class methods cannot be dropped)', async () => {
    const files = await bundledFiles(`${table}
      const users = new TableClient(UserTable);
      export const handler = (id: string) => users.get({ user_id: id });`);
    expect(files).toEqual(
      expect.arrayContaining(['src/client/actions/update.ts', 'src/client/actions/scan.ts']),
    );
  });
});
