import {
  BatchEntryIdsNotDistinct,
  BatchRequestTooLong,
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  EmptyBatchRequest,
  GetQueueAttributesCommand,
  InvalidBatchEntryId,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SqsHarness, startSqs, unexpectedSuccess } from './__tests__/harness.js';
import { md5OfBody } from './models/md5.js';

let sandbox: SqsHarness;
beforeAll(async () => {
  sandbox = await startSqs();
});
afterAll(() => sandbox.close());

let counter = 0;
async function newQueue(): Promise<string> {
  counter += 1;
  const { QueueUrl } = await sandbox.sqs.send(
    new CreateQueueCommand({ QueueName: `batch-${counter}` }),
  );
  return QueueUrl ?? '';
}

async function visibleCount(QueueUrl: string): Promise<number> {
  const { Attributes } = await sandbox.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages);
}

describe('SendMessageBatch', () => {
  it('sends valid entries and reports invalid ones as Failed', async () => {
    const QueueUrl = await newQueue();
    const result = await sandbox.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'ok-1', MessageBody: 'first' },
          { Id: 'bad-delay', MessageBody: 'late', DelaySeconds: 9999 },
          {
            Id: 'ok-2',
            MessageBody: 'second',
            MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } },
          },
          { Id: 'bad-body', MessageBody: 'bell\u0007' },
        ],
      }),
    );
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['ok-1', 'ok-2']);
    expect(result.Successful?.[0]?.MD5OfMessageBody).toBe(md5OfBody('first'));
    expect(result.Successful?.[1]?.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(result.Failed).toEqual([
      expect.objectContaining({
        Id: 'bad-delay',
        SenderFault: true,
        Code: 'InvalidParameterValue',
      }),
      expect.objectContaining({
        Id: 'bad-body',
        SenderFault: true,
        Code: 'InvalidMessageContents',
      }),
    ]);
    expect(await visibleCount(QueueUrl)).toBe(2);
  });

  it('refuses empty, oversized, duplicate-id and badly named batches as a whole', async () => {
    const QueueUrl = await newQueue();
    const send = (Entries: { Id: string; MessageBody: string }[]) =>
      sandbox.sqs
        .send(new SendMessageBatchCommand({ QueueUrl, Entries }))
        .then(unexpectedSuccess, (caught: unknown) => caught);
    expect(await send([])).toBeInstanceOf(EmptyBatchRequest);
    const eleven = Array.from({ length: 11 }, (_, index) => ({
      Id: `e${index}`,
      MessageBody: 'x',
    }));
    expect(await send(eleven)).toBeInstanceOf(TooManyEntriesInBatchRequest);
    expect(
      await send([
        { Id: 'same', MessageBody: 'a' },
        { Id: 'same', MessageBody: 'b' },
      ]),
    ).toBeInstanceOf(BatchEntryIdsNotDistinct);
    expect(await send([{ Id: 'no spaces!', MessageBody: 'a' }])).toBeInstanceOf(
      InvalidBatchEntryId,
    );
    const big = 'a'.repeat(100_000);
    expect(
      await send([
        { Id: 'a', MessageBody: big },
        { Id: 'b', MessageBody: big },
        { Id: 'c', MessageBody: big },
      ]),
    ).toBeInstanceOf(BatchRequestTooLong);
    expect(await visibleCount(QueueUrl)).toBe(0);
  });
});

describe('DeleteMessageBatch and ChangeMessageVisibilityBatch', () => {
  it('act per entry and report bad handles as Failed', async () => {
    const QueueUrl = await newQueue();
    await sandbox.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [1, 2, 3].map((index) => ({ Id: `m${index}`, MessageBody: `body ${index}` })),
      }),
    );
    const { Messages = [] } = await sandbox.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }),
    );
    expect(Messages).toHaveLength(3);
    const [first, second, third] = Messages;

    const changed = await sandbox.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'back', ReceiptHandle: first?.ReceiptHandle, VisibilityTimeout: 0 },
          { Id: 'bogus', ReceiptHandle: 'garbage', VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(changed.Successful?.map((entry) => entry.Id)).toEqual(['back']);
    expect(changed.Failed).toEqual([
      expect.objectContaining({ Id: 'bogus', Code: 'ReceiptHandleIsInvalid', SenderFault: true }),
    ]);
    expect(await visibleCount(QueueUrl)).toBe(1);

    const deleted = await sandbox.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'd2', ReceiptHandle: second?.ReceiptHandle },
          { Id: 'd3', ReceiptHandle: third?.ReceiptHandle },
          { Id: 'bad', ReceiptHandle: 'garbage' },
        ],
      }),
    );
    expect(deleted.Successful?.map((entry) => entry.Id)).toEqual(['d2', 'd3']);
    expect(deleted.Failed?.map((entry) => [entry.Id, entry.Code])).toEqual([
      ['bad', 'ReceiptHandleIsInvalid'],
    ]);
    const { Attributes } = await sandbox.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    expect(Attributes?.ApproximateNumberOfMessages).toBe('1');
    expect(Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('0');
  });
});
