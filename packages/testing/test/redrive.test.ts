import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acceleratedClock, type Sandbox, startSandbox } from '../src/index.js';
import { bodyOf, sdkClients } from './support/clients.js';
import { createQueue } from './support/queues.js';

let sandbox: Sandbox;
let clients: ReturnType<typeof sdkClients>;

beforeAll(async () => {
  // 1000× faster: a 30 s visibility timeout lasts 30 ms, a 20 s long poll 20 ms.
  sandbox = await startSandbox({ dynamodb: false, clock: acceleratedClock(1000) });
  clients = sdkClients(sandbox);
});
afterAll(() => sandbox?.stop());

it('moves an event that keeps failing to the dead-letter queue after maxReceiveCount receives', async () => {
  const dlq = await createQueue(clients.sqs, 'orders-dlq');
  const queue = await createQueue(clients.sqs, 'orders', {
    VisibilityTimeout: '30',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }),
  });
  await clients.events.send(
    new PutRuleCommand({ Name: 'orders', EventPattern: '{"detail-type":["order.placed"]}' }),
  );
  await clients.events.send(
    new PutTargetsCommand({ Rule: 'orders', Targets: [{ Id: 'queue', Arn: queue.arn }] }),
  );
  const put = await clients.events.send(
    new PutEventsCommand({
      Entries: [{ Source: 'shop', DetailType: 'order.placed', Detail: '{"orderId":"o1"}' }],
    }),
  );
  const eventId = put.Entries?.[0]?.EventId;

  // A consumer that never deletes: each receive is one failed attempt.
  const receiveCounts: string[] = [];
  const deadline = Date.now() + 10_000;
  while (receiveCounts.length < 3 && Date.now() < deadline) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        WaitTimeSeconds: 20,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    for (const message of Messages) {
      expect(bodyOf(message)).toMatchObject({ id: eventId, detail: { orderId: 'o1' } });
      receiveCounts.push(message.Attributes?.ApproximateReceiveCount ?? '?');
    }
  }
  expect(receiveCounts).toEqual(['1', '2', '3']);

  // AWS moves the message when a receive finds it over the limit; poll both queues until it moved.
  let parked: Message | undefined;
  while (!parked && Date.now() < deadline) {
    const source = await clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }),
    );
    expect(source.Messages ?? []).toEqual([]);
    const parkedNow = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlq.url,
        WaitTimeSeconds: 20,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    parked = parkedNow.Messages?.[0];
  }
  expect(bodyOf(parked ?? {})).toMatchObject({
    id: eventId,
    'detail-type': 'order.placed',
    detail: { orderId: 'o1' },
  });
});
