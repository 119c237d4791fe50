import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { awsCli } from './support/aws-cli.js';
import { bodyOf, receiveMessages, sdkClients } from './support/clients.js';
import { createQueue } from './support/queues.js';

let sandbox: Sandbox;
let clients: ReturnType<typeof sdkClients>;
const home = mkdtempSync(join(tmpdir(), 'sandbox-awscli-'));

beforeAll(async () => {
  sandbox = await startSandbox();
  clients = sdkClients(sandbox);
});
afterAll(() => sandbox?.stop());

/** Runs the AWS CLI against this file's sandbox. */
const aws = (...args: string[]) => awsCli(sandbox.endpoint, home, args);

// Each CLI call starts a Python interpreter: seconds on a busy machine.
describe('the AWS CLI against the sandbox', { timeout: 120_000 }, () => {
  it('creates a DynamoDB table, puts and gets an item', async () => {
    await aws(
      'dynamodb',
      'create-table',
      '--table-name',
      'cli-users',
      '--attribute-definitions',
      'AttributeName=pk,AttributeType=S',
      '--key-schema',
      'AttributeName=pk,KeyType=HASH',
      '--billing-mode',
      'PAY_PER_REQUEST',
    );
    await aws(
      'dynamodb',
      'put-item',
      '--table-name',
      'cli-users',
      '--item',
      JSON.stringify({ pk: { S: 'u1' }, name: { S: 'Ada' } }),
    );
    const got = await aws(
      'dynamodb',
      'get-item',
      '--table-name',
      'cli-users',
      '--key',
      JSON.stringify({ pk: { S: 'u1' } }),
    );
    expect(got).toEqual({ Item: { pk: { S: 'u1' }, name: { S: 'Ada' } } });
  });

  it('sends and receives SQS messages', async () => {
    const created = (await aws('sqs', 'create-queue', '--queue-name', 'cli-queue')) as {
      QueueUrl: string;
    };
    expect(created.QueueUrl).toContain('cli-queue');
    const sent = (await aws(
      'sqs',
      'send-message',
      '--queue-url',
      created.QueueUrl,
      '--message-body',
      'hello from the cli',
    )) as {
      MessageId: string;
      MD5OfMessageBody: string;
    };
    expect(sent.MessageId).toBeTruthy();
    const received = (await aws(
      'sqs',
      'receive-message',
      '--queue-url',
      created.QueueUrl,
      '--wait-time-seconds',
      '2',
    )) as {
      Messages: { Body: string; MessageId: string }[];
    };
    expect(received.Messages.map((message) => message.Body)).toEqual(['hello from the cli']);
    expect(received.Messages[0]?.MessageId).toBe(sent.MessageId);
  });

  it('puts events that a rule delivers to SQS', async () => {
    const queue = await createQueue(clients.sqs, 'cli-events');
    await clients.events.send(
      new PutRuleCommand({ Name: 'cli', EventPattern: '{"source":["cli-app"]}' }),
    );
    await clients.events.send(
      new PutTargetsCommand({ Rule: 'cli', Targets: [{ Id: 'q', Arn: queue.arn }] }),
    );
    const put = (await aws(
      'events',
      'put-events',
      '--entries',
      JSON.stringify([
        { Source: 'cli-app', DetailType: 'cli.test', Detail: JSON.stringify({ from: 'cli' }) },
        { Source: 'cli-app', DetailType: 'cli.test' },
      ]),
    )) as { FailedEntryCount: number; Entries: { EventId?: string; ErrorCode?: string }[] };
    expect(put.FailedEntryCount).toBe(1);
    expect(put.Entries[1]?.ErrorCode).toBe('InvalidArgument');
    const [message] = await receiveMessages(clients.sqs, queue.url, 1);
    expect(bodyOf(message ?? {})).toMatchObject({
      id: put.Entries[0]?.EventId,
      detail: { from: 'cli' },
    });
  });
});
