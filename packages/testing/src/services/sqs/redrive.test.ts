import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceleratedClock } from '../../clock.js';
import { type SqsHarness, startSqs } from './__tests__/harness.js';

let sandbox: SqsHarness;
beforeAll(async () => {
  sandbox = await startSqs(acceleratedClock(1000));
});
afterAll(() => sandbox.close());

async function createPair(name: string, maxReceiveCount: number, fifo = false) {
  const suffix = fifo ? '.fifo' : '';
  const fifoAttributes: Record<string, string> = fifo
    ? { FifoQueue: 'true', ContentBasedDeduplication: 'true' }
    : {};
  const dlq = await sandbox.sqs.send(
    new CreateQueueCommand({ QueueName: `${name}-dlq${suffix}`, Attributes: fifoAttributes }),
  );
  const source = await sandbox.sqs.send(
    new CreateQueueCommand({
      QueueName: `${name}${suffix}`,
      Attributes: {
        ...fifoAttributes,
        VisibilityTimeout: '5',
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${name}-dlq${suffix}`,
          maxReceiveCount,
        }),
      },
    }),
  );
  return { sourceUrl: source.QueueUrl ?? '', dlqUrl: dlq.QueueUrl ?? '' };
}

const receive = (QueueUrl: string, WaitTimeSeconds = 20) =>
  sandbox.sqs.send(
    new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds, MessageSystemAttributeNames: ['All'] }),
  );

describe('redrive to the dead-letter queue', () => {
  it('moves a message received maxReceiveCount times without being deleted', async () => {
    const { sourceUrl, dlqUrl } = await createPair('orders', 3);
    const sent = await sandbox.sqs.send(
      new SendMessageCommand({
        QueueUrl: sourceUrl,
        MessageBody: 'poison',
        MessageAttributes: { reason: { DataType: 'String', StringValue: 'test' } },
      }),
    );
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const { Messages = [] } = await receive(sourceUrl);
      expect(Messages[0]?.MessageId).toBe(sent.MessageId);
      expect(Messages[0]?.Attributes?.ApproximateReceiveCount).toBe(String(attempt));
    }
    // The fourth receive finds the message over its limit and moves it instead of delivering it.
    const fourth = await receive(sourceUrl, 10);
    expect(fourth.Messages).toBeUndefined();

    const { Messages = [] } = await sandbox.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        WaitTimeSeconds: 20,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    expect(Messages).toHaveLength(1);
    const [dead] = Messages;
    expect(dead?.MessageId).toBe(sent.MessageId);
    expect(dead?.Body).toBe('poison');
    expect(dead?.MessageAttributes?.reason?.StringValue).toBe('test');
    // The receive count travels with the message: three in the source, this one in the DLQ.
    expect(dead?.Attributes?.ApproximateReceiveCount).toBe('4');
    expect(dead?.Attributes?.DeadLetterQueueSourceArn).toBe(
      'arn:aws:sqs:us-east-1:000000000000:orders',
    );
    const { Attributes } = await sandbox.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: sourceUrl, AttributeNames: ['All'] }),
    );
    expect(Attributes?.ApproximateNumberOfMessages).toBe('0');
    expect(Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('0');
  });

  it('redrives FIFO messages in group order and lets the group continue', async () => {
    const { sourceUrl, dlqUrl } = await createPair('fifo-orders', 1, true);
    for (const body of ['a1', 'a2']) {
      await sandbox.sqs.send(
        new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: body, MessageGroupId: 'a' }),
      );
    }
    const first = await receive(sourceUrl);
    expect(first.Messages?.map((message) => message.Body)).toEqual(['a1']);
    // a1 was received once (the limit); after its timeout it is redriven and a2 comes next.
    const next = await receive(sourceUrl);
    expect(next.Messages?.map((message) => message.Body)).toEqual(['a2']);
    const dead = await receive(dlqUrl);
    expect(dead.Messages?.map((message) => message.Body)).toEqual(['a1']);
    expect(dead.Messages?.[0]?.Attributes?.MessageGroupId).toBe('a');
  });
});
