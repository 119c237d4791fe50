// `npm run demo`: the user system end to end on the local sandbox — a user is created and
// activated; the events travel EventBridge → SQS → handlers; the counters land in DynamoDB.
import { startSandbox } from '@davinci/testing';

const sandbox = await startSandbox();
Object.assign(process.env, sandbox.env, {
  DAVINCI_APP_NAME: 'user-system',
  DAVINCI_DEPLOYMENT_ID: 'local',
});

// Imported once the environment names the tables and the bus.
const { TableClient } = await import('@davinci/orm');
const { createHandlers } = await import('./event-handlers.js');
const { deployLocally } = await import('./local/deploy-locally.js');
const { GLOBAL_STATS, UserStatsTable, UserTable } = await import('./tables.js');
const { UserService } = await import('./user-service.js');

const runtimeLog: string[] = [];
const handlerOutput: string[] = [];
const deployment = await deployLocally({
  tables: [UserTable, UserStatsTable],
  handlers: createHandlers({
    // SES cannot run here: the welcome email is recorded, and the handler reports it.
    email: { send: async () => {} },
    logger: { log: (entry) => runtimeLog.push(`${entry.handler}: ${entry.outcome}`) },
    print: (line) => handlerOutput.push(line),
  }),
});
const stats = new TableClient(UserStatsTable);
const service = new UserService();

try {
  const user = await service.createUser('alice@example.com', 'Alice Smith');
  console.log(`Created user: ${user.user_id}`);
  const afterCreate = await waitForStats((s) => s.total_users === 1);
  await waitFor(() => handlerOutput.length === 1, 'the welcome email');
  console.log(handlerOutput[0]);
  console.log(`Stats updated: ${afterCreate.total_users} total users`);
  console.log();

  const activated = await service.activateUser(user.user_id);
  console.log(`Activated user: ${activated.user_id}`);
  const afterActivate = await waitForStats((s) => s.active_users === 1);
  console.log(`Stats updated: ${afterActivate.active_users} active users`);

  await waitFor(() => runtimeLog.length >= 4, 'every handler to report');
  console.log(`\nhandler runs: ${runtimeLog.sort().join(', ')}`);
  console.log(
    `stored user: ${JSON.stringify(await new TableClient(UserTable).get({ user_id: user.user_id }))}`,
  );
} finally {
  await deployment.stop();
  await sandbox.stop();
}

async function waitForStats(
  done: (s: { total_users: number; active_users: number }) => boolean,
): Promise<{ total_users: number; active_users: number }> {
  let latest: { total_users: number; active_users: number } | undefined;
  await waitFor(async () => {
    latest = await stats.get(GLOBAL_STATS, { consistentRead: true });
    return latest !== undefined && done(latest);
  }, 'the stats handlers');
  return latest as { total_users: number; active_users: number };
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
