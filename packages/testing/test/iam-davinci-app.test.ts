import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { Application } from '@davinci/cdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceleratedClock, type Sandbox, startSandbox, waitFor } from '../src/index.js';
import {
  handleAnyUserEvent,
  handleUserActivated,
  handleUserCreated,
  UserStatsTable,
  UserTable,
} from './fixtures/davinci-app/handlers.js';
import { sdkClients } from './support/clients.js';

const ENTRY = fileURLToPath(new URL('./fixtures/davinci-app/handlers.ts', import.meta.url));

let sandbox: Sandbox;
let root: string;
const printed: string[] = [];
const warn = console.warn;

function application(deploymentId: string): Application {
  return new Application({
    appName: 'members',
    deploymentId,
    enableEventBus: true,
    outdir: join(root, deploymentId),
    builtinCloudFormationValidation: false,
  });
}

async function publish(deploymentId: string, detailType: string, detail: object): Promise<void> {
  const { FailedEntryCount } = await sdkClients(sandbox).events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: `members-${deploymentId}-event-bus`,
          Source: 'members',
          DetailType: detailType,
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
  expect(FailedEntryCount).toBe(0);
}

async function item(table: string, key: Record<string, string>) {
  const { Item } = await sdkClients(sandbox).dynamodb.send(
    new GetItemCommand({
      TableName: table,
      Key: Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: value }])),
    }),
  );
  return Item;
}

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  console.warn = (line: string) => {
    if (String(line).includes('IAM')) printed.push(line);
    else warn(line);
  };
  sandbox = await startSandbox({ clock: acceleratedClock(100), iam: 'enforce' });
  root = mkdtempSync(join(tmpdir(), 'davinci-iam-app-'));
}, 60_000);

afterAll(async () => {
  console.warn = warn;
  await sandbox?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('an @davinci/cdk application in enforce mode', () => {
  it('runs end to end with the grants the application gives its handlers', async () => {
    const app = application('live');
    app.addTable(UserTable);
    app.addTable(UserStatsTable);
    for (const [handler, declaration] of Object.entries({
      handleUserCreated,
      handleUserActivated,
      handleAnyUserEvent,
    })) {
      app.addEventHandler({ entry: ENTRY, handler, declaration, deadLetterQueue: true });
    }
    const result = await sandbox.deploy(app.synth().directory);
    expect(result.warnings).toEqual([]);
    expect(sandbox.iam.mode).toBe('enforce');

    await publish('live', 'user.created', { user_id: 'u1', email: 'u1@example.com' });
    await publish('live', 'user.activated', { user_id: 'u1' });
    const counted = await waitFor(
      async () => {
        const stats = await item('members-live-user_stats', { stat_key: 'global' });
        return stats?.total_users?.N === '1' && stats.active_users?.N === '1' ? stats : undefined;
      },
      { timeout: 30_000 },
    );
    expect(counted).toMatchObject({ total_users: { N: '1' }, active_users: { N: '1' } });
    expect(await item('members-live-users', { user_id: 'u1' })).toEqual({
      user_id: { S: 'u1' },
      email: { S: 'u1@example.com' },
      status: { S: 'welcomed' },
    });
    expect(sandbox.iam.denials()).toEqual([]);
    expect(sandbox.events.deliveryFailures()).toEqual([]);
  });

  it('catches an idempotent handler deployed without idempotency: true, naming the grant', async () => {
    const app = application('mismatch');
    app.addTable(UserStatsTable);
    app.addEventHandler({
      eventType: 'user.activated',
      entry: ENTRY,
      handler: 'countActivations',
      tables: { [UserStatsTable.name]: 'readWrite' },
      deadLetterQueue: true,
    });
    await sandbox.deploy(app.synth().directory);
    await publish('mismatch', 'user.activated', { user_id: 'u2' });

    const denial = await waitFor(
      () =>
        sandbox.iam
          .denials()
          .find((entry) => entry.functionName === 'members-mismatch-count-activations'),
      { timeout: 30_000 },
    );
    const idempotencyTable =
      'arn:aws:dynamodb:us-east-1:000000000000:table/members-mismatch-davinci_idempotency';
    expect(denial).toMatchObject({
      kind: 'identity',
      resource: idempotencyTable,
      davinciOption: 'idempotency: true',
      enforced: true,
    });
    expect(denial.fix).toBe(`allow ${denial.action} on ${idempotencyTable}`);
    expect(printed).toContain(
      `[sandbox] IAM denied members-mismatch-count-activations: ${denial.action} on ${idempotencyTable}; fix: allow ${denial.action} on ${idempotencyTable}; with @davinci/cdk: idempotency: true`,
    );
    expect(await item('members-mismatch-user_stats', { stat_key: 'global' })).toBeUndefined();
  });
});
