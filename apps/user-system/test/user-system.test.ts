import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { ConditionFailedError, TableClient } from '@davinci/orm';
import { waitFor } from '@davinci/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UserStatsTable as StatsDefinition } from '../src/tables.js';
import type { UserService as Service } from '../src/user-service.js';
import { type E2eTarget, LOCALSTACK_ENDPOINT, startTarget } from './support/target.js';

// The seed's system end to end, as infra/app.ts synthesizes it: deployed into the sandbox (or,
// with DAVINCI_E2E_TARGET=localstack, into LocalStack), where its handlers run as Lambda
// functions behind EventBridge rules and SQS queues with dead-letter queues.
const target = await startTarget();
if (!target) {
  console.log(
    `LocalStack is not reachable at ${LOCALSTACK_ENDPOINT}: the end-to-end suite is skipped`,
  );
}

const HANDLERS = ['handle-user-created', 'handle-user-activated', 'handle-any-user-event'] as const;
type Handler = (typeof HANDLERS)[number];

let service: Service;
let stats: TableClient<typeof StatsDefinition>;
let GLOBAL: { stat_key: 'global' };
let sqs: SQSClient;
let events: EventBridgeClient;

const functionName = (handler: Handler) => `user-system-${target?.deploymentId}-${handler}`;
const queueUrl = async (handler: Handler, kind: 'queue' | 'dlq') =>
  (await sqs.send(new GetQueueUrlCommand({ QueueName: `${functionName(handler)}-${kind}` })))
    .QueueUrl as string;

/** Messages in a queue, visible or in flight. */
async function depth(url: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
}

/** Waits until no handler queue holds a message: every event is handled or dead-lettered. */
async function settled(): Promise<void> {
  const urls = await Promise.all(HANDLERS.map((handler) => queueUrl(handler, 'queue')));
  await waitFor(
    async () =>
      (await Promise.all(urls.map(depth))).every((count) => count === 0) ? true : undefined,
    { timeout: 60_000, interval: 100 },
  );
}

const currentStats = async () => {
  const item = await stats.get(GLOBAL, { consistentRead: true });
  return { total: item?.total_users ?? 0, active: item?.active_users ?? 0 };
};

const emailsTo = async (address: string) =>
  (await target?.emails())?.filter((email) => email.to.includes(address)) ?? [];

/** Parsed runtime log lines of a function (its JSON lines), on targets that capture them. */
const runtimeEntries = (handler: Handler) =>
  (target?.functionLines?.(functionName(handler)) ?? [])
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
  if (!target) return;
  Object.assign(process.env, target.env);
  // The app's clients resolve table and bus names from the environment: import after it is set.
  const { GLOBAL_STATS, UserStatsTable } = await import('../src/tables.js');
  const { UserService } = await import('../src/user-service.js');
  service = new UserService();
  stats = new TableClient(UserStatsTable);
  GLOBAL = GLOBAL_STATS;
  sqs = new SQSClient({});
  events = new EventBridgeClient({});
});

afterAll(async () => {
  sqs?.destroy();
  events?.destroy();
  await target?.stop();
});

// Each scenario starts from zero: nothing in flight or dead-lettered, no stats, no recorded email.
beforeEach(async () => {
  if (!target) return;
  await settled();
  for (const handler of HANDLERS) {
    await sqs.send(new PurgeQueueCommand({ QueueUrl: await queueUrl(handler, 'dlq') }));
  }
  await stats.delete(GLOBAL);
  await target.clearEmails();
});

describe.skipIf(!target)(`the user system, deployed (${target?.name ?? 'no target'})`, () => {
  it("runs the seed's scenario: a welcome email and one user; one active user on activation", async () => {
    const alice = await service.createUser('alice@example.com', 'Alice Smith');
    await waitFor(async () => ((await currentStats()).total === 1 ? true : undefined));
    const [welcome] = await waitFor(async () => {
      const sent = await emailsTo('alice@example.com');
      return sent.length > 0 ? sent : undefined;
    });
    expect(welcome).toEqual({
      to: ['alice@example.com'],
      from: 'welcome@user-system.example.com',
      subject: 'Welcome!',
    });

    await service.activateUser(alice.user_id);
    await waitFor(async () => ((await currentStats()).active === 1 ? true : undefined));
    // A second activation is refused before anything is published, so it is not counted.
    await expect(service.activateUser(alice.user_id)).rejects.toBeInstanceOf(ConditionFailedError);
    await settled();
    expect(await currentStats()).toEqual({ total: 1, active: 1 });
    expect(await emailsTo('alice@example.com')).toHaveLength(1);

    // The handlers speak for themselves, from inside their functions.
    if (target?.functionLines) {
      await waitFor(() =>
        target
          .functionLines?.(functionName('handle-user-activated'))
          .includes('Stats updated: 1 active users')
          ? true
          : undefined,
      );
      expect(target.functionLines(functionName('handle-user-created'))).toContain(
        'Welcome email sent to alice@example.com',
      );
      expect(target.functionLines(functionName('handle-any-user-event'))).toContain(
        'Stats updated: 1 total users',
      );
    }
  });

  it('counts 200 users created at once exactly, and sends each one email', async () => {
    const addresses = Array.from({ length: 200 }, (_, index) => `user${index}@example.com`);
    await Promise.all(
      addresses.map((address, index) => service.createUser(address, `User ${index}`)),
    );
    await waitFor(async () => ((await currentStats()).total === 200 ? true : undefined), {
      timeout: 90_000,
    });
    await settled();
    expect(await currentStats()).toEqual({ total: 200, active: 0 });
    const sent = (await target?.emails()) ?? [];
    expect(sent).toHaveLength(200);
    expect(new Set(sent.flatMap((email) => email.to))).toEqual(new Set(addresses));
    // Every total from 1 to 200 was printed once: each commit reported the value it produced.
    if (target?.functionLines) {
      const totals = target
        .functionLines(functionName('handle-any-user-event'))
        .filter((line) => /^Stats updated: \d+ total users$/.test(line))
        .map((line) => Number(line.split(' ')[2]));
      expect(totals.slice(-200).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 200 }, (_, index) => index + 1),
      );
    }
  });

  it('counts an event delivered twice with the same id once', async () => {
    // The envelope EventBridge delivered, sent again to each queue: as a redelivery would.
    const user = await service.createUser('twice@example.com', 'Twice');
    await waitFor(async () => ((await currentStats()).total === 1 ? true : undefined));
    await settled();
    const envelope = JSON.stringify({
      version: '0',
      id: `duplicate-${user.user_id}`,
      'detail-type': 'user.created',
      source: 'user-system',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'us-east-1',
      resources: [],
      detail: { user_id: user.user_id, email: 'twice@example.com', name: 'Twice' },
    });
    // To the counter, both copies at once: the racing deliveries' transactions let one count.
    const counterQueue = await queueUrl('handle-any-user-event', 'queue');
    await Promise.all(
      [1, 2].map(() =>
        sqs.send(new SendMessageCommand({ QueueUrl: counterQueue, MessageBody: envelope })),
      ),
    );
    // To the welcome handler, both at once too: a copy that overlaps the running one finds its
    // lease and is retried, a later one finds the marker; either way the email goes once.
    const welcomeQueue = await queueUrl('handle-user-created', 'queue');
    await Promise.all(
      [1, 2].map(() =>
        sqs.send(new SendMessageCommand({ QueueUrl: welcomeQueue, MessageBody: envelope })),
      ),
    );
    await settled();
    // The original event, and the re-sent one once: two, never three.
    expect(await currentStats()).toEqual({ total: 2, active: 0 });
    expect(await emailsTo('twice@example.com')).toHaveLength(2);
  });

  it.skipIf(!target?.refusals)(
    'retries an email SES refuses maxReceiveCount times, then keeps it in the DLQ, while the rest completes — and a redrive delivers it once',
    async () => {
      const refusals = target?.refusals as NonNullable<E2eTarget['refusals']>;
      refusals.refuse('poison@example.com');
      const others = ['ok1@example.com', 'ok2@example.com', 'ok3@example.com'];
      await service.createUser('poison@example.com', 'Poison');
      const created = await Promise.all(others.map((address) => service.createUser(address, 'Ok')));
      await Promise.all(created.map((user) => service.activateUser(user.user_id)));
      await settled();

      expect(await currentStats()).toEqual({ total: 4, active: 3 });
      expect(await emailsTo('poison@example.com')).toEqual([]);
      for (const address of others) expect(await emailsTo(address)).toHaveLength(1);
      const dlq = await queueUrl('handle-user-created', 'dlq');
      expect(await depth(dlq)).toBe(1);
      // Tried three times (the app's maxReceiveCount), each failure logged with SES's reason.
      const failures = runtimeEntries('handle-user-created').filter(
        (entry) =>
          entry.outcome === 'failed' &&
          (entry.error as { name?: string } | undefined)?.name === 'MessageRejected',
      );
      if (target?.functionLines) {
        expect(failures.map((entry) => entry.receiveCount)).toEqual([1, 2, 3]);
        expect(failures.map((entry) => (entry.error as { name: string }).name)).toEqual([
          'MessageRejected',
          'MessageRejected',
          'MessageRejected',
        ]);
      }

      // The cause is fixed; the DLQ goes back to its queue and the email goes out once.
      refusals.accept('poison@example.com');
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }),
      );
      await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: Attributes?.QueueArn }));
      await waitFor(async () => {
        const { Results } = await sqs.send(
          new ListMessageMoveTasksCommand({ SourceArn: Attributes?.QueueArn }),
        );
        return Results?.[0]?.Status === 'COMPLETED' ? true : undefined;
      });
      await settled();
      expect(await emailsTo('poison@example.com')).toHaveLength(1);
      expect(await depth(dlq)).toBe(0);
      expect(await currentStats()).toEqual({ total: 4, active: 3 });
    },
  );

  it('sends an event whose body fails the schema to the DLQ, with the reason logged, disturbing nothing', async () => {
    await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: `user-system-${target?.deploymentId}-event-bus`,
            Source: 'user-system',
            DetailType: 'user.created',
            Detail: JSON.stringify({ user_id: 'not-a-uuid', email: 'not-an-email' }),
          },
        ],
      }),
    );
    const good = await service.createUser('good@example.com', 'Good');
    await settled();
    expect(await depth(await queueUrl('handle-user-created', 'dlq'))).toBe(1);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: await queueUrl('handle-user-created', 'dlq'),
        MaxNumberOfMessages: 10,
      }),
    );
    expect(Messages?.map((message) => JSON.parse(message.Body ?? '{}').detail)).toEqual([
      { user_id: 'not-a-uuid', email: 'not-an-email' },
    ]);
    expect(await currentStats()).toEqual({ total: 1, active: 0 });
    expect(await emailsTo('good@example.com')).toHaveLength(1);
    expect(good.status).toBe('pending');
    if (target?.functionLines) {
      const poisoned = runtimeEntries('handle-user-created').filter(
        (entry) => entry.outcome === 'poison',
      );
      // Logged on each of its three deliveries, with the rule it broke and the field.
      expect(poisoned.map((entry) => [entry.receiveCount, entry.reason])).toEqual([
        [1, 'schema-mismatch'],
        [2, 'schema-mismatch'],
        [3, 'schema-mismatch'],
      ]);
      expect(String(poisoned[0]?.message)).toContain('email');
    }
  });

  it.skipIf(!target?.iamDenials)('needed no call its deployed policies do not allow', () => {
    // Every scenario above ran with IAM enforced: the app's grants are sufficient as synthesized.
    expect(target?.iamDenials?.()).toEqual([]);
  });
});
