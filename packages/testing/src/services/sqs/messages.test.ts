import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  MessageNotInflight,
  type QueueAttributeName,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceleratedClock } from '../../clock.js';
import { type SqsHarness, startSqs, unexpectedSuccess } from './__tests__/harness.js';
import { stoppedClock, WAKE_UP_TIMEOUT_MS } from './__tests__/stopped-clock.js';
import { md5OfBody } from './models/md5.js';

let sandbox: SqsHarness;
let fast: SqsHarness;
// Long polls here end only when woken, so the wake-up tests cannot pass at the poll's deadline.
let stopped: SqsHarness;
const fastClock = acceleratedClock(1000);
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
async function newQueue(client: SQSClient, Attributes?: Record<string, string>): Promise<string> {
  counter += 1;
  const { QueueUrl } = await client.send(
    new CreateQueueCommand({ QueueName: `messages-${counter}`, Attributes }),
  );
  if (!QueueUrl) throw new Error('CreateQueue answered without a QueueUrl');
  return QueueUrl;
}

async function counts(client: SQSClient, QueueUrl: string) {
  const { Attributes = {} } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
  );
  return {
    visible: Number(Attributes.ApproximateNumberOfMessages),
    notVisible: Number(Attributes.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed),
  };
}

describe('send and receive', () => {
  it('round-trips body and message attributes with checksums the SDK accepts', async () => {
    const QueueUrl = await newQueue(sandbox.sqs);
    const body = 'héllo wörld ✓ <xml> & "quotes"';
    const MessageAttributes = {
      kind: { DataType: 'String', StringValue: 'greeting' },
      count: { DataType: 'Number', StringValue: '42' },
      blob: { DataType: 'Binary', BinaryValue: Uint8Array.from([0, 1, 2, 255]) },
      'meta.source': { DataType: 'String.custom', StringValue: 'test' },
    };
    const sent = await sandbox.sqs.send(
      new SendMessageCommand({ QueueUrl, MessageBody: body, MessageAttributes }),
    );
    expect(sent.MD5OfMessageBody).toBe(md5OfBody(body));
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);

    const { Messages = [] } = await sandbox.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'] }),
    );
    expect(Messages).toHaveLength(1);
    const [message] = Messages;
    expect(message?.MessageId).toBe(sent.MessageId);
    expect(message?.Body).toBe(body);
    expect(message?.MD5OfBody).toBe(sent.MD5OfMessageBody);
    expect(message?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(message?.MessageAttributes?.kind).toEqual({
      DataType: 'String',
      StringValue: 'greeting',
    });
    expect(message?.MessageAttributes?.count).toEqual({ DataType: 'Number', StringValue: '42' });
    expect([...(message?.MessageAttributes?.blob?.BinaryValue ?? [])]).toEqual([0, 1, 2, 255]);
    expect(message?.Attributes).toBeUndefined();
  });

  it('selects message attributes by exact name and by prefix.*', async () => {
    const QueueUrl = await newQueue(sandbox.sqs);
    await sandbox.sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'x',
        MessageAttributes: {
          'meta.a': { DataType: 'String', StringValue: '1' },
          'meta.b': { DataType: 'String', StringValue: '2' },
          other: { DataType: 'String', StringValue: '3' },
        },
      }),
    );
    const { Messages = [] } = await sandbox.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MessageAttributeNames: ['meta.*'],
        VisibilityTimeout: 0,
      }),
    );
    expect(Object.keys(Messages[0]?.MessageAttributes ?? {}).sort()).toEqual(['meta.a', 'meta.b']);
    const exact = await sandbox.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MessageAttributeNames: ['other'],
        VisibilityTimeout: 0,
      }),
    );
    expect(Object.keys(exact.Messages?.[0]?.MessageAttributes ?? {})).toEqual(['other']);
    const none = await sandbox.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(none.Messages?.[0]?.MessageAttributes).toBeUndefined();
    expect(none.Messages?.[0]?.MD5OfMessageAttributes).toBeUndefined();
  });

  it('returns system attributes: All, or the ones named', async () => {
    const QueueUrl = await newQueue(sandbox.sqs);
    const before = Date.now();
    await sandbox.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    const all = await sandbox.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MessageSystemAttributeNames: ['All'],
        VisibilityTimeout: 0,
      }),
    );
    const attributes = all.Messages?.[0]?.Attributes ?? {};
    expect(attributes.SenderId).toBe('000000000000');
    expect(attributes.ApproximateReceiveCount).toBe('1');
    expect(Number(attributes.SentTimestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(
      Number(attributes.SentTimestamp),
    );
    const named = await sandbox.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        AttributeNames: ['ApproximateReceiveCount' as QueueAttributeName],
      }),
    );
    expect(named.Messages?.[0]?.Attributes).toEqual({ ApproximateReceiveCount: '2' });
  });

  it('answers at most MaxNumberOfMessages, and refuses more than 10', async () => {
    const QueueUrl = await newQueue(sandbox.sqs);
    for (let index = 0; index < 12; index += 1) {
      await sandbox.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${index}` }));
    }
    const { Messages = [] } = await sandbox.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    expect(Messages).toHaveLength(10);
    expect(new Set(Messages.map((message) => message.MessageId)).size).toBe(10);
    const error = await sandbox.sqs
      .send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 11 }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(error.name).toBe('InvalidParameterValue');
  });
});

describe('visibility timeout and receipt handles', () => {
  it('hides a received message until it is deleted or made visible again', async () => {
    const QueueUrl = await newQueue(sandbox.sqs);
    await sandbox.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'work' }));
    const first = await sandbox.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 600 }),
    );
    const firstHandle = first.Messages?.[0]?.ReceiptHandle ?? '';
    const hidden = await sandbox.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(hidden.Messages).toBeUndefined();
    expect(await counts(sandbox.sqs, QueueUrl)).toEqual({ visible: 0, notVisible: 1, delayed: 0 });

    await sandbox.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl,
        ReceiptHandle: firstHandle,
        VisibilityTimeout: 0,
      }),
    );
    const second = await sandbox.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        VisibilityTimeout: 600,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    const secondHandle = second.Messages?.[0]?.ReceiptHandle ?? '';
    expect(second.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(secondHandle).not.toBe(firstHandle);

    // A handle from an earlier receive deletes nothing (and AWS answers success).
    await sandbox.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: firstHandle }));
    expect(await counts(sandbox.sqs, QueueUrl)).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
    const stale = await sandbox.sqs
      .send(
        new ChangeMessageVisibilityCommand({
          QueueUrl,
          ReceiptHandle: firstHandle,
          VisibilityTimeout: 0,
        }),
      )
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(stale.name).toBe('InvalidParameterValue');

    await sandbox.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: secondHandle }));
    expect(await counts(sandbox.sqs, QueueUrl)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  it('makes a message visible again when its timeout ends (fast clock)', async () => {
    const QueueUrl = await newQueue(fast.sqs, { VisibilityTimeout: '10' });
    await fast.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'again' }));
    const first = await fast.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(first.Messages).toHaveLength(1);
    // Long-polls (on the fast clock) past the 10 s timeout and receives it a second time.
    const second = await fast.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        WaitTimeSeconds: 20,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    expect(second.Messages?.[0]?.MessageId).toBe(first.Messages?.[0]?.MessageId);
    expect(second.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(second.Messages?.[0]?.ReceiptHandle).not.toBe(first.Messages?.[0]?.ReceiptHandle);
  });

  it('keeps a message in flight 12 hours at most, counted from its receive (fast clock)', async () => {
    const QueueUrl = await newQueue(fast.sqs);
    await fast.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'long job' }));
    const { Messages = [] } = await fast.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 3_600 }),
    );
    const ReceiptHandle = Messages[0]?.ReceiptHandle ?? '';
    await fastClock.sleep(5_000);
    const error = await fast.sqs
      .send(
        new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 43_199 }),
      )
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(error.name).toBe('InvalidParameterValue');
    await fast.sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 43_000 }),
    );
  });

  it('rejects foreign handles and visibility changes of messages not in flight', async () => {
    const QueueUrl = await newQueue(sandbox.sqs);
    const invalid = await sandbox.sqs
      .send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'not-a-handle' }))
      .then(unexpectedSuccess, (caught: unknown) => caught);
    expect(invalid).toBeInstanceOf(ReceiptHandleIsInvalid);
    await sandbox.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    const { Messages = [] } = await sandbox.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 600 }),
    );
    const ReceiptHandle = Messages[0]?.ReceiptHandle ?? '';
    await sandbox.sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 0 }),
    );
    const notInFlight = await sandbox.sqs
      .send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 10 }))
      .then(unexpectedSuccess, (caught: unknown) => caught);
    expect(notInFlight).toBeInstanceOf(MessageNotInflight);
    const otherQueue = await newQueue(sandbox.sqs);
    const foreign = await sandbox.sqs
      .send(new DeleteMessageCommand({ QueueUrl: otherQueue, ReceiptHandle }))
      .then(unexpectedSuccess, (caught: unknown) => caught);
    expect(foreign).toBeInstanceOf(ReceiptHandleIsInvalid);
  });
});

describe('long polling', () => {
  it(
    'wakes a 20 s receive when a message is sent',
    async () => {
      const QueueUrl = await newQueue(stopped.sqs);
      const polling = stopped.sqs.send(
        new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      const sent = await stopped.sqs.send(
        new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' }),
      );
      const { Messages = [] } = await polling;
      expect(Messages.map((message) => message.MessageId)).toEqual([sent.MessageId]);
      expect(Messages[0]?.Body).toBe('wake up');
    },
    WAKE_UP_TIMEOUT_MS,
  );

  it(
    'uses the queue ReceiveMessageWaitTimeSeconds when the request names none',
    async () => {
      const QueueUrl = await newQueue(stopped.sqs, { ReceiveMessageWaitTimeSeconds: '20' });
      const polling = stopped.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      await stopped.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'queued wait' }));
      const { Messages = [] } = await polling;
      expect(Messages[0]?.Body).toBe('queued wait');
    },
    WAKE_UP_TIMEOUT_MS,
  );

  it('returns empty when the wait ends without messages (fast clock)', async () => {
    const QueueUrl = await newQueue(fast.sqs);
    const { Messages } = await fast.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }),
    );
    expect(Messages).toBeUndefined();
  });

  it('refuses waits above 20 seconds', async () => {
    const QueueUrl = await newQueue(sandbox.sqs);
    const error = await sandbox.sqs
      .send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 21 }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(error.name).toBe('InvalidParameterValue');
  });
});

describe('delays and retention', () => {
  it('holds a delayed message back, then delivers it (per message, fast clock)', async () => {
    const QueueUrl = await newQueue(fast.sqs);
    await fast.sqs.send(
      new SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 600 }),
    );
    expect(await counts(fast.sqs, QueueUrl)).toMatchObject({ visible: 0, delayed: 1 });
    const immediate = await fast.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(immediate.Messages).toBeUndefined();
    let delivered: string | undefined;
    for (let attempt = 0; attempt < 60 && delivered === undefined; attempt += 1) {
      const { Messages } = await fast.sqs.send(
        new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }),
      );
      delivered = Messages?.[0]?.Body;
    }
    expect(delivered).toBe('later');
  });

  it('applies the queue DelaySeconds to every message', async () => {
    const QueueUrl = await newQueue(sandbox.sqs, { DelaySeconds: '900' });
    await sandbox.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'slow' }));
    expect(await counts(sandbox.sqs, QueueUrl)).toEqual({ visible: 0, notVisible: 0, delayed: 1 });
    const error = await sandbox.sqs
      .send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', DelaySeconds: 901 }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('drops messages older than MessageRetentionPeriod (fast clock)', async () => {
    const QueueUrl = await newQueue(fast.sqs, { MessageRetentionPeriod: '60' });
    await fast.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'expiring' }));
    await fastClock.sleep(61_000);
    expect(await counts(fast.sqs, QueueUrl)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
    const { Messages } = await fast.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(Messages).toBeUndefined();
  });
});

describe('message validation', () => {
  it('accepts 256 KiB and refuses one byte more, attributes included', async () => {
    const QueueUrl = await newQueue(sandbox.sqs);
    const limit = 262_144;
    await expect(
      sandbox.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a'.repeat(limit) })),
    ).resolves.toMatchObject({ MessageId: expect.any(String) });
    const tooLong = await sandbox.sqs
      .send(new SendMessageCommand({ QueueUrl, MessageBody: 'a'.repeat(limit + 1) }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(tooLong.name).toBe('InvalidParameterValue');
    // name (4) + type (6) + value (10) push a body of limit - 10 over the limit.
    const withAttribute = await sandbox.sqs
      .send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'a'.repeat(limit - 10),
          MessageAttributes: { note: { DataType: 'String', StringValue: '0123456789' } },
        }),
      )
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(withAttribute.name).toBe('InvalidParameterValue');
  });

  it('honours a smaller MaximumMessageSize', async () => {
    const QueueUrl = await newQueue(sandbox.sqs, { MaximumMessageSize: '1024' });
    const error = await sandbox.sqs
      .send(new SendMessageCommand({ QueueUrl, MessageBody: 'a'.repeat(1025) }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('refuses characters outside the XML range and malformed attributes', async () => {
    const QueueUrl = await newQueue(sandbox.sqs);
    const control = await sandbox.sqs
      .send(new SendMessageCommand({ QueueUrl, MessageBody: 'bell\u0007' }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(control.name).toBe('InvalidMessageContents');
    const notANumber = await sandbox.sqs
      .send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'x',
          MessageAttributes: { n: { DataType: 'Number', StringValue: 'twelve' } },
        }),
      )
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(notANumber.name).toBe('InvalidParameterValue');
    const reserved = await sandbox.sqs
      .send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'x',
          MessageAttributes: { 'AWS.thing': { DataType: 'String', StringValue: 'v' } },
        }),
      )
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(reserved.name).toBe('InvalidParameterValue');
    const eleven = Object.fromEntries(
      Array.from({ length: 11 }, (_, index) => [
        `a${index}`,
        { DataType: 'String', StringValue: 'v' },
      ]),
    );
    const tooMany = await sandbox.sqs
      .send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes: eleven }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(tooMany.name).toBe('InvalidParameterValue');
    expect(await counts(sandbox.sqs, QueueUrl)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });
});

describe('in-process delivery (EventBridge targets)', () => {
  it('delivers to a queue by ARN and reports a missing queue', async () => {
    const QueueUrl = await newQueue(sandbox.sqs);
    const arn = `arn:aws:sqs:us-east-1:000000000000:${QueueUrl.split('/').at(-1)}`;
    const result = sandbox.service.deliver(arn, '{"detail":{}}');
    expect(result).toEqual({ ok: true, messageId: expect.any(String) });
    const { Messages = [] } = await sandbox.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(Messages[0]?.Body).toBe('{"detail":{}}');
    expect(Messages[0]?.MessageId).toBe(result.ok ? result.messageId : undefined);
    const missing = sandbox.service.deliver('arn:aws:sqs:us-east-1:000000000000:gone', 'x');
    expect(missing).toMatchObject({ ok: false, code: 'QueueDoesNotExist' });
  });
});
