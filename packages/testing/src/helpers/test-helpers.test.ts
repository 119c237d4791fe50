import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { App, Stack } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { sdkClients } from '../../test/support/clients.js';
import { useSandbox } from '../vitest/use-sandbox.js';
import { captureEvents } from './capture-events.js';
import { deployApp } from './deploy-app.js';
import { readMessages } from './read-messages.js';

const sandbox = useSandbox({ dynamodb: false });
const clients = () => sdkClients(sandbox());

describe('deployApp', () => {
  it('synthesizes a CDK app and deploys its assembly', async () => {
    const app = new App();
    const stack = new Stack(app, 'helpers-app');
    new Queue(stack, 'Parked', { queueName: 'helpers-parked' });
    const { stacks, summary } = await deployApp(sandbox(), app);
    expect(stacks.map((deployed) => deployed.stackName)).toEqual(['helpers-app']);
    expect(summary).toBe(
      'deployed 1 stack(s): 1 resource(s) created (SQS::Queue ×1), 0 recorded without a local effect',
    );
  });
});

describe('readMessages', () => {
  const url = () => `${sandbox().endpoint}/000000000000/helpers-parked`;

  it('reads messages and leaves them in the queue, visible, unless told to remove them', async () => {
    await clients().sqs.send(
      new SendMessageCommand({
        QueueUrl: url(),
        MessageBody: '{"poison":true}',
        MessageAttributes: { reason: { DataType: 'String', StringValue: 'bad input' } },
      }),
    );
    const [first] = await readMessages(sandbox(), 'helpers-parked');
    expect(first).toMatchObject({
      body: '{"poison":true}',
      receiveCount: 1,
      messageAttributes: { reason: 'bad input' },
    });
    const [again] = await readMessages(sandbox(), 'helpers-parked', { remove: true });
    expect({ id: again?.messageId, receiveCount: again?.receiveCount }).toEqual({
      id: first?.messageId,
      receiveCount: 2,
    });
    expect(await readMessages(sandbox(), 'helpers-parked', { timeout: 200 })).toEqual([]);
  });
});

describe('captureEvents', () => {
  it('records the events that match its pattern, then removes its rule and queue', async () => {
    const capture = await captureEvents(sandbox(), {
      pattern: { 'detail-type': ['user.created'] },
    });
    await clients().events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'users', DetailType: 'user.created', Detail: '{"user_id":"u1"}' },
          { Source: 'users', DetailType: 'user.deleted', Detail: '{"user_id":"u2"}' },
          { Source: 'users', DetailType: 'user.created', Detail: '{"user_id":"u3"}' },
        ],
      }),
    );
    const events = await capture.waitForEvents(2);
    expect(events.map((event) => [event['detail-type'], event.detail])).toEqual([
      ['user.created', { user_id: 'u1' }],
      ['user.created', { user_id: 'u3' }],
    ]);
    expect(await capture.events()).toHaveLength(2);
    await capture.stop();
    const queues = await clients().sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: 'davinci-capture-' }),
    );
    expect(queues.QueueUrls ?? []).toEqual([]);
  });

  it('without a pattern, records every event of the bus', async () => {
    const capture = await captureEvents(sandbox());
    await clients().events.send(
      new PutEventsCommand({
        Entries: [{ Source: 'billing', DetailType: 'invoice.paid', Detail: '{}' }],
      }),
    );
    expect((await capture.waitForEvents(1)).map((event) => event.source)).toEqual(['billing']);
    await capture.stop();
  });
});
