import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableEnvVar } from '../src/discovery/index.js';
import { defaultDynamoDBClient, TableClient } from '../src/index.js';
import { createTable, localClient } from './support/dynamodb.js';
import { UserStatsTable, UserTable } from './support/tables.js';

/**
 * The seed's user registration system, as its service and handlers use the two tables. The
 * clients are built the way Lambda code builds them: no table name and no client given, the
 * physical names come from `DAVINCI_TABLE_*` and the endpoint from the SDK's environment.
 */
const saved = { ...process.env };

beforeAll(async () => {
  const admin = localClient();
  const suffix = randomUUID().slice(0, 8);
  process.env[tableEnvVar(UserTable.name)] = await createTable(
    admin,
    UserTable,
    `user-system-dev-users-${suffix}`,
  );
  process.env[tableEnvVar(UserStatsTable.name)] = await createTable(
    admin,
    UserStatsTable,
    `user-system-dev-user_stats-${suffix}`,
  );
  admin.destroy();
});
afterAll(() => {
  process.env = saved;
});

function createUser(users: TableClient<typeof UserTable>, email: string, name: string) {
  return users.put(
    { user_id: randomUUID(), email, name, status: 'pending', created_at: new Date() },
    { mustNotExist: true },
  );
}

async function activateUser(users: TableClient<typeof UserTable>, userId: string) {
  // An update, not get-then-put: no lost writes when two activations race.
  return users.update({ user_id: userId }, { set: { status: 'active' } }, { mustExist: true });
}

/** Handlers count with atomic `add`: safe under at-least-once delivery with parallel deliveries. */
const handleUserCreated = (stats: TableClient<typeof UserStatsTable>) =>
  stats.update({ stat_key: 'global' }, { add: { total_users: 1 } });
const handleUserActivated = (stats: TableClient<typeof UserStatsTable>) =>
  stats.update({ stat_key: 'global' }, { add: { active_users: 1 } });

describe("the seed's UserTable and UserStatsTable", () => {
  it('resolves both physical names from DAVINCI_TABLE_* and shares one default client', () => {
    const users = new TableClient(UserTable);
    const stats = new TableClient(UserStatsTable);
    expect(users.tableName).toMatch(/^user-system-dev-users-/);
    expect(stats.tableName).toMatch(/^user-system-dev-user_stats-/);
    expect(users.client).toBe(defaultDynamoDBClient());
    expect(stats.client).toBe(users.client);
  });

  it('creates and activates users while the handlers keep the statistics', async () => {
    const users = new TableClient(UserTable);
    const stats = new TableClient(UserStatsTable);
    const alice = await createUser(users, 'alice@example.com', 'Alice Smith');
    expect(alice.status).toBe('pending');
    await handleUserCreated(stats);
    const first = await stats.get({ stat_key: 'global' });
    expect(first).toMatchObject({ stat_key: 'global', total_users: 1, active_users: 0 });
    expect(first?.updated_at).toBeInstanceOf(Date);

    const activated = await activateUser(users, alice.user_id);
    expect(activated).toEqual({ ...alice, status: 'active' });
    await handleUserActivated(stats);

    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createUser(users, `user${i}@example.com`, `User ${i}`)),
    );
    await Promise.all(created.map(() => handleUserCreated(stats)));
    expect(await stats.get({ stat_key: 'global' }, { consistentRead: true })).toMatchObject({
      total_users: 21,
      active_users: 1,
    });
    expect(await users.count({ filter: { status: 'active' } })).toBe(1);
    expect(await users.count()).toBe(21);
  });

  it('refuses to activate a user that does not exist', async () => {
    const users = new TableClient(UserTable);
    await expect(activateUser(users, 'no-such-user')).rejects.toMatchObject({
      code: 'CONDITION_FAILED',
      item: undefined,
    });
  });
});
