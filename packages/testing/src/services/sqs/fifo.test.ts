import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceleratedClock } from '../../clock.js';
import { type SqsHarness, startSqs, unexpectedSuccess } from './__tests__/harness.js';
import { stoppedClock, WAKE_UP_TIMEOUT_MS } from './__tests__/stopped-clock.js';

let sandbox: SqsHarness;
let fast: SqsHarness;
// Long polls here end only when woken, so the wake-up test cannot pass at the poll's deadline.
let stopped: SqsHarness;
// Fast enough that five minutes pass in 3 s, slow enough that two sends stay inside the window.
const fastClock = acceleratedClock(100);
beforeAll(async () => {
  sandbox = await startSqs();
  fast = await startSqs(fastClock);
  stopped = await startSqs(stoppedClock());
});
afterAll(async () => {
  await sandbox.close();
  await fast.close();
  await stopped.close();
});

let counter = 0;
async function newFifoQueue(harness: SqsHarness, attributes: Record<string, string> = {}) {
  counter += 1;
  const { QueueUrl } = await harness.sqs.send(
    new CreateQueueCommand({
      QueueName: `fifo-${counter}.fifo`,
      Attributes: { FifoQueue: 'true', ...attributes },
    }),
  );
  return QueueUrl ?? '';
}

describe('FIFO queues', () => {
  it('reports FIFO attributes', async () => {
    const QueueUrl = await newFifoQueue(sandbox, { ContentBasedDeduplication: 'true' });
    const { Attributes } = await sandbox.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    expect(Attributes).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'true' });
  });

  it('delivers each group in order and holds a group while a message of it is in flight', async () => {
    const QueueUrl = await newFifoQueue(sandbox);
    let dedup = 0;
    const send = (MessageGroupId: string, MessageBody: string) => {
      dedup += 1;
      return sandbox.sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody,
          MessageGroupId,
          MessageDeduplicationId: `d${dedup}`,
        }),
      );
    };
    const sequenceNumbers: string[] = [];
    for (const [group, body] of [
      ['a', 'a1'],
      ['b', 'b1'],
      ['a', 'a2'],
      ['b', 'b2'],
      ['a', 'a3'],
    ] as const) {
      const { SequenceNumber } = await send(group, body);
      sequenceNumbers.push(SequenceNumber ?? '');
    }
    expect(sequenceNumbers.every((number) => /^\d{20}$/.test(number))).toBe(true);
    expect([...sequenceNumbers].sort()).toEqual(sequenceNumbers);

    const first = await sandbox.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 600 }),
    );
    expect(first.Messages?.map((message) => message.Body)).toEqual(['a1']);
    // Group a is blocked while a1 is in flight; group b is free.
    const second = await sandbox.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }),
    );
    expect(second.Messages?.map((message) => message.Body)).toEqual(['b1', 'b2']);
    const blocked = await sandbox.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(blocked.Messages).toBeUndefined();

    await sandbox.sqs.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }),
    );
    const third = await sandbox.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['MessageGroupId', 'SequenceNumber'],
      }),
    );
    expect(third.Messages?.map((message) => message.Body)).toEqual(['a2', 'a3']);
    expect(third.Messages?.[0]?.Attributes).toEqual({
      MessageGroupId: 'a',
      SequenceNumber: sequenceNumbers[2],
    });
  });

  it('delivers nothing of a group while a later message of it is still in flight', async () => {
    const QueueUrl = await newFifoQueue(sandbox, { ContentBasedDeduplication: 'true' });
    for (const body of ['g1', 'g2']) {
      await sandbox.sqs.send(
        new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: 'g' }),
      );
    }
    const both = await sandbox.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }),
    );
    expect(both.Messages?.map((message) => message.Body)).toEqual(['g1', 'g2']);
    // g1 becomes visible again while g2 stays in flight: the group must stay closed.
    await sandbox.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl,
        ReceiptHandle: both.Messages?.[0]?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const whileInFlight = await sandbox.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    expect(whileInFlight.Messages).toBeUndefined();
    await sandbox.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl,
        ReceiptHandle: both.Messages?.[1]?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const freed = await sandbox.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    expect(freed.Messages?.map((message) => message.Body)).toEqual(['g1', 'g2']);
  });

  it(
    'wakes a long poll when deleting frees a group',
    async () => {
      const QueueUrl = await newFifoQueue(stopped, { ContentBasedDeduplication: 'true' });
      for (const body of ['first', 'second']) {
        await stopped.sqs.send(
          new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: 'g' }),
        );
      }
      const first = await stopped.sqs.send(
        new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 600 }),
      );
      expect(first.Messages?.map((message) => message.Body)).toEqual(['first']);
      const polling = stopped.sqs.send(
        new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      await stopped.sqs.send(
        new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }),
      );
      const { Messages = [] } = await polling;
      expect(Messages.map((message) => message.Body)).toEqual(['second']);
    },
    WAKE_UP_TIMEOUT_MS,
  );

  it('deduplicates by MessageDeduplicationId within five minutes, then accepts again', async () => {
    const QueueUrl = await newFifoQueue(fast);
    const send = () =>
      fast.sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'pay 10',
          MessageGroupId: 'payments',
          MessageDeduplicationId: 'payment-1',
        }),
      );
    const original = await send();
    const duplicate = await send();
    expect(duplicate.MessageId).toBe(original.MessageId);
    expect(duplicate.SequenceNumber).toBe(original.SequenceNumber);
    const { Attributes } = await fast.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(Attributes?.ApproximateNumberOfMessages).toBe('1');

    await fastClock.sleep(301_000);
    const later = await send();
    expect(later.MessageId).not.toBe(original.MessageId);
  });

  it('deduplicates by content when ContentBasedDeduplication is on', async () => {
    const QueueUrl = await newFifoQueue(sandbox, { ContentBasedDeduplication: 'true' });
    const send = (MessageBody: string) =>
      sandbox.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody, MessageGroupId: 'g' }));
    const one = await send('same body');
    const two = await send('same body');
    const three = await send('other body');
    expect(two.MessageId).toBe(one.MessageId);
    expect(three.MessageId).not.toBe(one.MessageId);
    const { Messages = [] } = await sandbox.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['MessageDeduplicationId'],
      }),
    );
    expect(Messages.map((message) => message.Body)).toEqual(['same body', 'other body']);
    expect(Messages[0]?.Attributes?.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('requires a group id, a deduplication id or content-based deduplication, and no per-message delay', async () => {
    const QueueUrl = await newFifoQueue(sandbox);
    const noGroup = await sandbox.sqs
      .send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(noGroup.name).toBe('MissingParameter');
    const noDedup = await sandbox.sqs
      .send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(noDedup.name).toBe('InvalidParameterValue');
    const delayed = await sandbox.sqs
      .send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'x',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'd',
          DelaySeconds: 5,
        }),
      )
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(delayed.name).toBe('InvalidParameterValue');
    const standard = await sandbox.sqs.send(new CreateQueueCommand({ QueueName: 'not-fifo' }));
    const dedupOnStandard = await sandbox.sqs
      .send(
        new SendMessageCommand({
          QueueUrl: standard.QueueUrl,
          MessageBody: 'x',
          MessageDeduplicationId: 'd',
        }),
      )
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(dedupOnStandard.name).toBe('InvalidParameterValue');
  });

  it('reports per-entry FIFO failures in a batch and deduplicates within it', async () => {
    const QueueUrl = await newFifoQueue(sandbox, { ContentBasedDeduplication: 'true' });
    const result = await sandbox.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'one', MessageBody: 'x', MessageGroupId: 'g' },
          { Id: 'again', MessageBody: 'x', MessageGroupId: 'g' },
          { Id: 'nogroup', MessageBody: 'y' },
        ],
      }),
    );
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['one', 'again']);
    expect(result.Successful?.[1]?.MessageId).toBe(result.Successful?.[0]?.MessageId);
    expect(result.Failed?.map((entry) => [entry.Id, entry.Code])).toEqual([
      ['nogroup', 'MissingParameter'],
    ]);
  });

  it('delivers through deliver() with a group id, and reports a missing one', async () => {
    const QueueUrl = await newFifoQueue(sandbox, { ContentBasedDeduplication: 'true' });
    const arn = `arn:aws:sqs:us-east-1:000000000000:${QueueUrl.split('/').at(-1)}`;
    expect(sandbox.service.deliver(arn, 'event', { messageGroupId: 'g' })).toMatchObject({
      ok: true,
    });
    expect(sandbox.service.deliver(arn, 'event')).toMatchObject({
      ok: false,
      code: 'MissingParameter',
    });
  });
});
