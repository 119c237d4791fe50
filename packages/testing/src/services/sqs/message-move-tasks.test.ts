import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type StartMessageMoveTaskCommandInput,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SqsHarness, startSqs, unexpectedSuccess, xmlValues } from './__tests__/harness.js';
import { type ManualClock, manualClock } from './__tests__/manual-clock.js';

let time: ManualClock;
let sandbox: SqsHarness;
beforeAll(async () => {
  time = manualClock();
  sandbox = await startSqs(time.clock);
});
afterAll(() => sandbox.close());

const arnOf = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

/** A queue whose messages go to `<name>-dlq` after one receive, with `bodies` already there. */
async function deadLettered(name: string, bodies: readonly string[]) {
  const dlq = await sandbox.sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const source = await sandbox.sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: arnOf(`${name}-dlq`),
          maxReceiveCount: 1,
        }),
      },
    }),
  );
  const sourceUrl = source.QueueUrl ?? '';
  for (const body of bodies) {
    await sandbox.sqs.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: body }));
  }
  // Received once and made visible again at once; the next receive dead-letters them all.
  await sandbox.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: sourceUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
    }),
  );
  const next = await sandbox.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: sourceUrl, MaxNumberOfMessages: 10 }),
  );
  expect(next.Messages).toBeUndefined();
  return { sourceUrl, dlqUrl: dlq.QueueUrl ?? '', dlqArn: arnOf(`${name}-dlq`) };
}

const bodiesIn = async (QueueUrl: string) => {
  const { Messages = [] } = await sandbox.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }),
  );
  return Messages.map((message) => [message.Body, message.Attributes?.ApproximateReceiveCount]);
};

const tasksOf = async (SourceArn: string, MaxResults?: number) =>
  (await sandbox.sqs.send(new ListMessageMoveTasksCommand({ SourceArn, MaxResults }))).Results ??
  [];

const rejection = (call: Promise<unknown>) =>
  call.then(unexpectedSuccess, (error: Error & { $metadata: { httpStatusCode?: number } }) => ({
    name: error.name,
    message: error.message,
    status: error.$metadata.httpStatusCode,
  }));

describe('StartMessageMoveTask', () => {
  it('moves every message back to the queue it was dead-lettered from, after answering', async () => {
    const { sourceUrl, dlqUrl, dlqArn } = await deadLettered('orders', ['a', 'b', 'c']);
    const started = time.clock.now();
    const { TaskHandle } = await sandbox.sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: dlqArn }),
    );
    expect(JSON.parse(Buffer.from(TaskHandle ?? '', 'base64').toString())).toEqual({
      taskId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sourceArn: dlqArn,
    });
    // Nothing has moved until the task's first step runs.
    expect(await tasksOf(dlqArn)).toEqual<ListMessageMoveTasksResultEntry[]>([
      {
        TaskHandle,
        Status: 'RUNNING',
        SourceArn: dlqArn,
        ApproximateNumberOfMessagesMoved: 0,
        ApproximateNumberOfMessagesToMove: 3,
        StartedTimestamp: started,
      },
    ]);
    time.advance(0);
    expect(await tasksOf(dlqArn)).toEqual([
      {
        Status: 'COMPLETED',
        SourceArn: dlqArn,
        ApproximateNumberOfMessagesMoved: 3,
        ApproximateNumberOfMessagesToMove: 3,
        StartedTimestamp: started,
      },
    ]);
    // Back in the source, in order, as never received; the dead-letter queue is empty.
    expect(await bodiesIn(sourceUrl)).toEqual([
      ['a', '1'],
      ['b', '1'],
      ['c', '1'],
    ]);
    const { Attributes } = await sandbox.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: dlqUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    expect(Attributes?.ApproximateNumberOfMessages).toBe('0');
  });

  it('moves to a DestinationArn at MaxNumberOfMessagesPerSecond, and lists the newest task first', async () => {
    const { sourceUrl, dlqArn } = await deadLettered('payments', ['p1', 'p2', 'p3']);
    const { QueueUrl: parkedUrl = '' } = await sandbox.sqs.send(
      new CreateQueueCommand({ QueueName: 'payments-parked' }),
    );
    await sandbox.sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: dlqArn,
        DestinationArn: arnOf('payments-parked'),
        MaxNumberOfMessagesPerSecond: 2,
      }),
    );
    time.advance(0);
    expect((await tasksOf(dlqArn))[0]).toMatchObject({
      Status: 'RUNNING',
      DestinationArn: arnOf('payments-parked'),
      MaxNumberOfMessagesPerSecond: 2,
      ApproximateNumberOfMessagesMoved: 2,
      ApproximateNumberOfMessagesToMove: 3,
    });
    time.advance(1000);
    expect((await tasksOf(dlqArn))[0]).toMatchObject({
      Status: 'COMPLETED',
      ApproximateNumberOfMessagesMoved: 3,
    });
    expect(await bodiesIn(parkedUrl)).toEqual([
      ['p1', '1'],
      ['p2', '1'],
      ['p3', '1'],
    ]);
    expect(await bodiesIn(sourceUrl)).toEqual([]);

    // A second task on the now empty queue completes at once; the list has both, newest first.
    await sandbox.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    time.advance(0);
    expect((await tasksOf(dlqArn, 10)).map((task) => [task.Status, task.DestinationArn])).toEqual([
      ['COMPLETED', undefined],
      ['COMPLETED', arnOf('payments-parked')],
    ]);
  });

  it('runs one task per source at a time; a cancelled one stops and keeps what it moved', async () => {
    const { sourceUrl, dlqArn } = await deadLettered('invoices', ['i1', 'i2', 'i3']);
    const { TaskHandle } = await sandbox.sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: dlqArn, MaxNumberOfMessagesPerSecond: 1 }),
    );
    time.advance(0);
    expect(
      await rejection(sandbox.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }))),
    ).toEqual({
      name: 'UnsupportedOperation',
      message:
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      status: 400,
    });
    const cancelled = await sandbox.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    expect(cancelled.ApproximateNumberOfMessagesMoved).toBe(1);
    time.advance(5000);
    expect((await tasksOf(dlqArn))[0]).toMatchObject({
      Status: 'CANCELLED',
      ApproximateNumberOfMessagesMoved: 1,
    });
    expect(time.pending()).toBe(0);
    expect(await bodiesIn(sourceUrl)).toEqual([['i1', '1']]);
    expect(
      await rejection(sandbox.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }))),
    ).toEqual({
      name: 'UnsupportedOperation',
      message: 'Only a task whose status is RUNNING can be cancelled; this one is CANCELLED.',
      status: 400,
    });
  });

  it('fails the task when the queue a message came from is gone', async () => {
    const { sourceUrl, dlqArn } = await deadLettered('gone', ['g1']);
    // Another queue keeps the dead-letter queue one after its first source is deleted.
    await sandbox.sqs.send(
      new CreateQueueCommand({
        QueueName: 'gone-sibling',
        Attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }),
        },
      }),
    );
    await sandbox.sqs.send(new DeleteQueueCommand({ QueueUrl: sourceUrl }));
    await sandbox.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    time.advance(0);
    const [task] = await tasksOf(dlqArn);
    expect(task).toMatchObject({ Status: 'FAILED', ApproximateNumberOfMessagesMoved: 0 });
    expect(task?.FailureReason).toMatch(
      /^The queue arn:aws:sqs:us-east-1:000000000000:gone that message [0-9a-f-]{36} came from no longer exists\.$/,
    );
  });
});

describe('move task validation', () => {
  it('refuses a source or destination that does not exist, a source no queue dead-letters to, and a rate over 500', async () => {
    await sandbox.sqs.send(new CreateQueueCommand({ QueueName: 'plain' }));
    const { dlqArn } = await deadLettered('checks', []);
    const cases: [StartMessageMoveTaskCommandInput, string, string, number][] = [
      [
        { SourceArn: arnOf('missing') },
        'ResourceNotFoundException',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
        404,
      ],
      [
        { SourceArn: arnOf('plain') },
        'InvalidParameterValue',
        'Source queue must be configured as a Dead Letter Queue.',
        400,
      ],
      [
        { SourceArn: dlqArn, DestinationArn: arnOf('missing') },
        'ResourceNotFoundException',
        "The resource that you specified for the DestinationArn parameter doesn't exist.",
        404,
      ],
      [
        { SourceArn: dlqArn, MaxNumberOfMessagesPerSecond: 501 },
        'InvalidParameterValue',
        'Value 501 for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: must be between 1 and 500, if provided.',
        400,
      ],
    ];
    for (const [input, name, message, status] of cases) {
      expect(await rejection(sandbox.sqs.send(new StartMessageMoveTaskCommand(input)))).toEqual({
        name,
        message,
        status,
      });
    }
    expect(
      await rejection(sandbox.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: 'nope' }))),
    ).toEqual({ name: 'ResourceNotFoundException', message: 'Task does not exist.', status: 404 });
    expect(
      await rejection(
        sandbox.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf('missing') })),
      ),
    ).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('move tasks over the query protocol', () => {
  it('starts, lists and cancels as the AWS CLI would', async () => {
    const { dlqArn } = await deadLettered('cli-orders', ['q1', 'q2']);
    const started = await sandbox.query({
      Action: 'StartMessageMoveTask',
      SourceArn: dlqArn,
      MaxNumberOfMessagesPerSecond: '1',
    });
    expect(started.status).toBe(200);
    const [handle] = xmlValues(started.xml, 'TaskHandle');
    time.advance(0);
    const listed = await sandbox.query({ Action: 'ListMessageMoveTasks', SourceArn: dlqArn });
    expect(xmlValues(listed.xml, 'ListMessageMoveTasksResultEntry')).toHaveLength(1);
    expect(xmlValues(listed.xml, 'Status')).toEqual(['RUNNING']);
    expect(xmlValues(listed.xml, 'ApproximateNumberOfMessagesMoved')).toEqual(['1']);
    expect(xmlValues(listed.xml, 'ApproximateNumberOfMessagesToMove')).toEqual(['2']);
    const cancelled = await sandbox.query({
      Action: 'CancelMessageMoveTask',
      TaskHandle: handle ?? '',
    });
    expect(xmlValues(cancelled.xml, 'ApproximateNumberOfMessagesMoved')).toEqual(['1']);
    const missing = await sandbox.query({
      Action: 'StartMessageMoveTask',
      SourceArn: arnOf('nope'),
    });
    expect(missing.status).toBe(404);
    expect(xmlValues(missing.xml, 'Code')).toEqual(['ResourceNotFoundException']);
  });
});
