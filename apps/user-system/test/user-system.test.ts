import { randomUUID } from 'node:crypto';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { RecordLogEntry } from '@davinci/event-bus';
import { ConditionFailedError, TableClient } from '@davinci/orm';
import { acceleratedClock, type Sandbox, startSandbox } from '@davinci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createHandlers as CreateHandlers } from '../src/event-handlers.js';
import type { LocalDeployment } from '../src/local/deploy-locally.js';
import type {
  UserStatsTable as StatsDefinition,
  UserTable as UsersDefinition,
} from '../src/tables.js';
import type { UserService as Service } from '../src/user-service.js';

// The whole path the seed describes, on the sandbox: DynamoDB Local, EventBridge rules, SQS queues
// with DLQs, and the handlers fed SQS batches. The sandbox clock runs 20× fast so that visibility
// timeouts and redrives take moments.
let sandbox: Sandbox;
let deployment: LocalDeployment;
let service: Service;
let users: TableClient<typeof UsersDefinition>;
let stats: TableClient<typeof StatsDefinition>;
let sqs: SQSClient;
let createHandlers: typeof CreateHandlers;
const emails: { to: string; subject: string; body: string }[] = [];
const logs: RecordLogEntry[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ clock: acceleratedClock(20) });
  Object.assign(process.env, sandbox.env, {
    DAVINCI_APP_NAME: 'user-system',
    DAVINCI_DEPLOYMENT_ID: 'test',
  });
  // Table and bus names resolve from the environment when clients are built: import after it is set.
  ({ createHandlers } = await import('../src/event-handlers.js'));
  const { deployLocally } = await import('../src/local/deploy-locally.js');
  const { UserStatsTable, UserTable } = await import('../src/tables.js');
  const { UserService } = await import('../src/user-service.js');
  deployment = await deployLocally({
    tables: [UserTable, UserStatsTable],
    // 30 s on a 20× clock: 1.5 s of real time, long enough that a slow machine does not see a
    // message redelivered while its handler still runs.
    visibilityTimeout: 30,
    handlers: createHandlers({
      email: { send: async (message) => void emails.push(message) },
      logger: { log: (entry) => void logs.push(entry) },
      print: () => {},
    }),
  });
  service = new UserService();
  users = new TableClient(UserTable);
  stats = new TableClient(UserStatsTable);
  sqs = new SQSClient({});
});

afterAll(async () => {
  await deployment?.stop();
  sqs?.destroy();
  await sandbox?.stop();
});

async function eventually<T>(read: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const counters = async () => {
  const item = await stats.get({ stat_key: 'global' }, { consistentRead: true });
  return { total: item?.total_users ?? 0, active: item?.active_users ?? 0 };
};

describe('the user system on the sandbox', () => {
  it('welcomes and counts a new user, then counts the activation', async () => {
    const before = await counters();
    const user = await service.createUser('alice@example.com', 'Alice Smith');

    expect(await users.get({ user_id: user.user_id })).toMatchObject({
      email: 'alice@example.com',
      status: 'pending',
    });
    await eventually(counters, (c) => c.total === before.total + 1);
    await eventually(
      () => emails.filter((email) => email.to === 'alice@example.com'),
      (sent) => sent.length === 1,
    );
    expect(emails.find((email) => email.to === 'alice@example.com')).toMatchObject({
      subject: 'Welcome!',
      body: 'Hello Alice Smith, welcome to our platform!',
    });

    const activated = await service.activateUser(user.user_id);
    expect(activated.status).toBe('active');
    const after = await eventually(counters, (c) => c.active === before.active + 1);
    expect(after.total).toBe(before.total + 1);
  });

  it('refuses bad input before anything is written or published', async () => {
    const stored = await users.count();
    await expect(service.createUser('not-an-email', 'Mallory')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await users.count()).toBe(stored);
  });

  it('does not count a second activation of the same user', async () => {
    const before = await counters();
    const user = await service.createUser('bob@example.com', 'Bob');
    await service.activateUser(user.user_id);
    const counted = await eventually(counters, (c) => c.active === before.active + 1);
    await expect(service.activateUser(user.user_id)).rejects.toBeInstanceOf(ConditionFailedError);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await counters()).active).toBe(counted.active);
  });

  it('applies an event delivered twice once', async () => {
    const queueUrl = deployment.queues.handleAnyUserEvent?.queueUrl ?? '';
    const eventId = randomUUID();
    const envelope = JSON.stringify({
      version: '0',
      id: eventId,
      'detail-type': 'user.created',
      source: 'user-system',
      account: '000000000000',
      time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      region: 'us-east-1',
      resources: [],
      detail: { user_id: randomUUID(), email: 'dup@example.com', name: 'Dup' },
    });
    const before = await counters();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: envelope }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: envelope }));

    await eventually(
      () => logs.filter((entry) => entry.eventId === eventId),
      (entries) => entries.length === 2,
    );
    const outcomes = logs
      .filter((entry) => entry.eventId === eventId)
      .map((entry) => entry.outcome);
    expect(outcomes.sort()).toEqual(['duplicate', 'success']);
    expect((await counters()).total).toBe(before.total + 1);
  });

  it('moves a poison message to the DLQ without holding up the events beside it', async () => {
    const { queueUrl, deadLetterQueueUrl } = deployment.queues.handleUserCreated ?? {
      queueUrl: '',
      deadLetterQueueUrl: '',
    };
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'not an event' }));
    await service.createUser('carol@example.com', 'Carol');

    await eventually(
      () => emails.filter((email) => email.to === 'carol@example.com'),
      (sent) => sent.length === 1,
    );
    const deadLetters = await eventually(
      async () =>
        (
          await sqs.send(
            new ReceiveMessageCommand({ QueueUrl: deadLetterQueueUrl, WaitTimeSeconds: 1 }),
          )
        ).Messages ?? [],
      (messages) => messages.length > 0,
    );
    expect(deadLetters.map((message) => message.Body)).toEqual(['not an event']);
    expect(logs.filter((entry) => entry.outcome === 'poison').length).toBeGreaterThanOrEqual(3);
  });
});
