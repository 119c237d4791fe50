import {
  CreateTableCommand,
  DynamoDBClient,
  type DynamoDBServiceException,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { sdkClients } from './support/clients.js';
import { eventually, isAlive } from './support/processes.js';

async function healthOf(sandbox: Sandbox) {
  const response = await fetch(`${sandbox.endpoint}/_sandbox/health`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function rejection(promise: Promise<unknown>): Promise<DynamoDBServiceException> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: DynamoDBServiceException) => error,
  );
}

const exitedMessage =
  /^DynamoDB Local was killed by signal SIGKILL at \d{4}-\d\d-\d\dT[\d:.]+Z; restart the sandbox to use DynamoDB again$/;

describe('when DynamoDB Local dies', () => {
  it('health says so, and every later DynamoDB request fails once, clearly, without retries', async () => {
    const sandbox = await startSandbox();
    try {
      expect(await healthOf(sandbox)).toEqual({
        status: 200,
        body: {
          status: 'running',
          services: {
            dynamodb: 'running',
            events: 'running',
            sqs: 'running',
            lambda: 'running',
            ses: 'running',
            control: 'running',
          },
        },
      });
      process.kill(sandbox.dynamodb?.localPid as number, 'SIGKILL');
      expect(await eventually(async () => (await healthOf(sandbox)).status === 503, 10_000)).toBe(
        true,
      );
      const { status, body } = await healthOf(sandbox);
      expect(status).toBe(503);
      expect(body).toMatchObject({
        status: 'degraded',
        services: {
          dynamodb: 'exited',
          events: 'running',
          sqs: 'running',
          lambda: 'running',
          ses: 'running',
          control: 'running',
        },
      });
      expect((body.problems as Record<string, string>).dynamodb).toMatch(exitedMessage);

      const error = await rejection(sdkClients(sandbox).dynamodb.send(new ListTablesCommand({})));
      expect(error.name).toBe('DynamoDbLocalExitedException');
      expect(error.message).toMatch(exitedMessage);
      expect(error.$metadata.httpStatusCode).toBe(410);
      expect(error.$metadata.attempts).toBe(1);
    } finally {
      await sandbox.stop();
    }
  }, 60_000);

  it('a request IAM checks first fails the same way', async () => {
    // Under iam: 'warn' an unknown key's requests are checked, then served.
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const sandbox = await startSandbox({ iam: 'warn' });
    try {
      process.kill(sandbox.dynamodb?.localPid as number, 'SIGKILL');
      expect(await eventually(async () => (await healthOf(sandbox)).status === 503, 10_000)).toBe(
        true,
      );
      const stranger = new DynamoDBClient({
        endpoint: sandbox.endpoint,
        region: sandbox.region,
        credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' },
      });
      const error = await rejection(stranger.send(new ListTablesCommand({})));
      stranger.destroy();
      expect(error.name).toBe('DynamoDbLocalExitedException');
      expect(error.message).toMatch(exitedMessage);
      expect(error.$metadata).toMatchObject({ httpStatusCode: 410, attempts: 1 });
      expect(warnings.mock.calls.flat().join('\n')).toContain('AKIASTRANGER');
    } finally {
      await sandbox.stop();
      warnings.mockRestore();
    }
  }, 60_000);

  it('requests in flight end with errors, none hangs, and stop() resolves', async () => {
    const sandbox = await startSandbox();
    const pid = sandbox.dynamodb?.localPid as number;
    try {
      const { dynamodb } = sdkClients(sandbox);
      await dynamodb.send(
        new CreateTableCommand({
          TableName: 'busy',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      const writes = Array.from({ length: 200 }, (_, n) =>
        dynamodb.send(
          new PutItemCommand({
            TableName: 'busy',
            Item: { pk: { S: `item-${n}` }, data: { S: 'x'.repeat(20_000) } },
          }),
        ),
      );
      process.kill(pid, 'SIGKILL');
      const outcomes = await Promise.allSettled(writes);
      const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(failures.length).toBeGreaterThan(0);
      for (const failure of failures) {
        const error = (failure as PromiseRejectedResult).reason as DynamoDBServiceException;
        expect(error.name).toBe('DynamoDbLocalExitedException');
        expect(error.message).toMatch(exitedMessage);
      }
    } finally {
      await sandbox.stop();
    }
    expect(isAlive(pid)).toBe(false);
  }, 60_000);
});

describe('DynamoDB request size', () => {
  it('answers a body over 16 MB with AWS 413 RequestEntityTooLarge, not retried', async () => {
    const sandbox = await startSandbox();
    try {
      const error = await rejection(
        sdkClients(sandbox).dynamodb.send(
          new PutItemCommand({
            TableName: 'any',
            Item: { pk: { S: 'x'.repeat(17 * 1024 * 1024) } },
          }),
        ),
      );
      expect(error.name).toBe('RequestEntityTooLarge');
      expect(error.$metadata.httpStatusCode).toBe(413);
      expect(error.$metadata.attempts).toBe(1);
      expect(error.message).toBe(
        'Request must be smaller than 16777216 bytes for the DynamoDB operation',
      );
      // The sandbox still serves DynamoDB afterwards.
      expect(
        (await sdkClients(sandbox).dynamodb.send(new ListTablesCommand({}))).TableNames,
      ).toEqual([]);
    } finally {
      await sandbox.stop();
    }
  }, 60_000);
});
