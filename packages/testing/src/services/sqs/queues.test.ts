import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  QueueNameExists,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SqsHarness, startSqs, unexpectedSuccess } from './__tests__/harness.js';

let sandbox: SqsHarness;
beforeAll(async () => {
  sandbox = await startSqs();
});
afterAll(() => sandbox.close());

describe('queues over the JSON protocol (SDK v3)', () => {
  it('creates a queue whose URL and ARN name the sandbox account', async () => {
    const { QueueUrl } = await sandbox.sqs.send(new CreateQueueCommand({ QueueName: 'orders' }));
    expect(QueueUrl).toBe(`${sandbox.edge.endpoint}/000000000000/orders`);
    const { Attributes } = await sandbox.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    expect(Attributes).toEqual({ QueueArn: 'arn:aws:sqs:us-east-1:000000000000:orders' });
    expect(sandbox.service.queueUrlForArn('arn:aws:sqs:us-east-1:000000000000:orders')).toBe(
      QueueUrl,
    );
    expect(
      sandbox.service.queueUrlForArn('arn:aws:sqs:us-east-1:000000000000:nope'),
    ).toBeUndefined();
  });

  it('is idempotent with the same attributes and refuses different ones', async () => {
    const create = (VisibilityTimeout: string) =>
      sandbox.sqs.send(
        new CreateQueueCommand({ QueueName: 'idempotent', Attributes: { VisibilityTimeout } }),
      );
    const first = await create('45');
    const again = await create('45');
    expect(again.QueueUrl).toBe(first.QueueUrl);
    const error = await create('46').then(unexpectedSuccess, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueueNameExists);
    expect((error as QueueNameExists).name).toBe('QueueNameExists');
  });

  it('treats FifoQueue=false as a standard queue, also when creating it again', async () => {
    const create = () =>
      sandbox.sqs.send(
        new CreateQueueCommand({
          QueueName: 'explicitly-standard',
          Attributes: { FifoQueue: 'false' },
        }),
      );
    const { QueueUrl } = await create();
    expect((await create()).QueueUrl).toBe(QueueUrl);
    const { Attributes } = await sandbox.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    expect(Attributes?.FifoQueue).toBeUndefined();
  });

  it('validates names and attributes before creating anything', async () => {
    const badName = await sandbox.sqs
      .send(new CreateQueueCommand({ QueueName: 'has space' }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(badName.name).toBe('InvalidParameterValue');
    const fifoWithoutSuffix = await sandbox.sqs
      .send(new CreateQueueCommand({ QueueName: 'plain', Attributes: { FifoQueue: 'true' } }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(fifoWithoutSuffix.name).toBe('InvalidParameterValue');
    const badValue = await sandbox.sqs
      .send(new CreateQueueCommand({ QueueName: 'bad-delay', Attributes: { DelaySeconds: '901' } }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(badValue.name).toBe('InvalidAttributeValue');
    const unknown = await sandbox.sqs
      .send(
        new CreateQueueCommand({
          QueueName: 'bad-attr',
          Attributes: { Colour: 'blue' } as Record<string, string>,
        }),
      )
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(unknown.name).toBe('InvalidAttributeName');
    const listed = await sandbox.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'bad' }));
    expect(listed.QueueUrls).toBeUndefined();
  });

  it('answers GetQueueUrl and QueueDoesNotExist for unknown queues', async () => {
    await sandbox.sqs.send(new CreateQueueCommand({ QueueName: 'lookup' }));
    const { QueueUrl } = await sandbox.sqs.send(new GetQueueUrlCommand({ QueueName: 'lookup' }));
    expect(QueueUrl).toBe(`${sandbox.edge.endpoint}/000000000000/lookup`);
    const missing = await sandbox.sqs
      .send(new GetQueueUrlCommand({ QueueName: 'missing' }))
      .then(unexpectedSuccess, (caught: unknown) => caught);
    expect(missing).toBeInstanceOf(QueueDoesNotExist);
    const sendToMissing = await sandbox.sqs
      .send(
        new SendMessageCommand({
          QueueUrl: `${sandbox.edge.endpoint}/000000000000/missing`,
          MessageBody: 'x',
        }),
      )
      .then(unexpectedSuccess, (caught: unknown) => caught);
    expect(sendToMissing).toBeInstanceOf(QueueDoesNotExist);
    expect((sendToMissing as QueueDoesNotExist).$metadata.httpStatusCode).toBe(400);
  });

  it('resolves a queue URL whatever its host', async () => {
    await sandbox.sqs.send(new CreateQueueCommand({ QueueName: 'any-host' }));
    const { MessageId } = await sandbox.sqs.send(
      new SendMessageCommand({
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/any-host',
        MessageBody: 'hello',
      }),
    );
    expect(MessageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists queues by prefix, with pagination', async () => {
    for (const name of ['list-a', 'list-b', 'list-c']) {
      await sandbox.sqs.send(new CreateQueueCommand({ QueueName: name }));
    }
    const all = await sandbox.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'list-' }));
    expect(all.QueueUrls?.map((url) => url.split('/').at(-1))).toEqual([
      'list-a',
      'list-b',
      'list-c',
    ]);
    expect(all.NextToken).toBeUndefined();
    const page1 = await sandbox.sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: 'list-', MaxResults: 2 }),
    );
    expect(page1.QueueUrls).toHaveLength(2);
    const page2 = await sandbox.sqs.send(
      new ListQueuesCommand({
        QueueNamePrefix: 'list-',
        MaxResults: 2,
        NextToken: page1.NextToken,
      }),
    );
    expect(page2.QueueUrls?.map((url) => url.split('/').at(-1))).toEqual(['list-c']);
    expect(page2.NextToken).toBeUndefined();
  });

  it('deletes queues', async () => {
    const { QueueUrl } = await sandbox.sqs.send(new CreateQueueCommand({ QueueName: 'doomed' }));
    await sandbox.sqs.send(new DeleteQueueCommand({ QueueUrl }));
    const error = await sandbox.sqs
      .send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }))
      .then(unexpectedSuccess, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueueDoesNotExist);
  });

  it('reads all attributes, sets some, and rejects unknown names', async () => {
    const { QueueUrl } = await sandbox.sqs.send(new CreateQueueCommand({ QueueName: 'attrs' }));
    const before = await sandbox.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    expect(before.Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:attrs',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      VisibilityTimeout: '30',
      DelaySeconds: '0',
      MaximumMessageSize: '262144',
      MessageRetentionPeriod: '345600',
      ReceiveMessageWaitTimeSeconds: '0',
    });
    expect(Number(before.Attributes?.CreatedTimestamp)).toBeGreaterThan(1_600_000_000);
    expect(before.Attributes?.FifoQueue).toBeUndefined();

    await sandbox.sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl,
        Attributes: { VisibilityTimeout: '5', MessageRetentionPeriod: '120' },
      }),
    );
    const after = await sandbox.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['VisibilityTimeout', 'MessageRetentionPeriod'],
      }),
    );
    expect(after.Attributes).toEqual({ VisibilityTimeout: '5', MessageRetentionPeriod: '120' });

    const unknown = await sandbox.sqs
      .send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['Colour' as 'All'],
        }),
      )
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(unknown.name).toBe('InvalidAttributeName');
    const fifoChange = await sandbox.sqs
      .send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { FifoQueue: 'true' } }))
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(fifoChange.name).toBe('InvalidAttributeName');
  });

  it('keeps a redrive policy naming an existing dead-letter queue and lists its sources', async () => {
    const dlq = await sandbox.sqs.send(new CreateQueueCommand({ QueueName: 'policy-dlq' }));
    const deadLetterTargetArn = 'arn:aws:sqs:us-east-1:000000000000:policy-dlq';
    const { QueueUrl } = await sandbox.sqs.send(
      new CreateQueueCommand({
        QueueName: 'policy-source',
        Attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn, maxReceiveCount: '3' }),
        },
      }),
    );
    const { Attributes } = await sandbox.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['RedrivePolicy'] }),
    );
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '')).toEqual({
      deadLetterTargetArn,
      maxReceiveCount: 3,
    });
    const sources = await sandbox.sqs.send(
      new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq.QueueUrl }),
    );
    expect(sources.queueUrls).toEqual([QueueUrl]);

    const missingTarget = await sandbox.sqs
      .send(
        new SetQueueAttributesCommand({
          QueueUrl,
          Attributes: {
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:nowhere',
              maxReceiveCount: 3,
            }),
          },
        }),
      )
      .then(unexpectedSuccess, (caught: unknown) => caught as Error);
    expect(missingTarget.name).toBe('InvalidAttributeValue');
  });

  it('purges every message', async () => {
    const { QueueUrl } = await sandbox.sqs.send(new CreateQueueCommand({ QueueName: 'purged' }));
    await sandbox.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'one' }));
    await sandbox.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'two' }));
    await sandbox.sqs.send(new PurgeQueueCommand({ QueueUrl }));
    const { Attributes } = await sandbox.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(Attributes?.ApproximateNumberOfMessages).toBe('0');
  });

  it('tags queues', async () => {
    const { QueueUrl } = await sandbox.sqs.send(
      new CreateQueueCommand({ QueueName: 'tagged', tags: { team: 'core' } }),
    );
    await sandbox.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'test' } }));
    await sandbox.sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['team'] }));
    const { Tags } = await sandbox.sqs.send(new ListQueueTagsCommand({ QueueUrl }));
    expect(Tags).toEqual({ env: 'test' });
  });
});
