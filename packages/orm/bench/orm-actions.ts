/**
 * The ORM's request builders: the client's own pure `build*Input` actions when they are there,
 * otherwise the schema codec alone (so the benchmark runs at every stage of the package).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TABLE_NAME, UserTable } from './fixtures.js';

type Build = (...args: never[]) => unknown;

export async function ormActions(): Promise<{
  buildPut: (item: unknown) => unknown;
  buildUpdate: (key: unknown, spec: unknown) => unknown;
  source: 'TableClient' | 'schema codec';
}> {
  try {
    const put = (await import('../src/client/actions/put.js')) as { buildPutInput: Build };
    const update = (await import('../src/client/actions/update.js')) as { buildUpdateInput: Build };
    const client = (await import('../src/index.js')) as Record<string, unknown>;
    const buildPutInput = put.buildPutInput as (d: unknown, t: string, i: unknown) => unknown;
    const buildUpdateInput = update.buildUpdateInput as (
      d: unknown,
      t: string,
      k: unknown,
      s: unknown,
    ) => unknown;
    return {
      buildPut: (item) => buildPutInput(UserTable, TABLE_NAME, item),
      buildUpdate: (key, spec) => buildUpdateInput(UserTable, TABLE_NAME, key, spec),
      source: 'TableClient' in client ? 'TableClient' : 'schema codec',
    };
  } catch {
    return {
      buildPut: (item) => ({
        TableName: TABLE_NAME,
        Item: UserTable.toItem(UserTable.parsePut(item)),
      }),
      buildUpdate: (key) => ({
        TableName: TABLE_NAME,
        Key: UserTable.toKey(key as never) as Record<string, AttributeValue>,
      }),
      source: 'schema codec',
    };
  }
}
