import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { sdkClients } from './support/clients.js';

const run = promisify(execFile);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let sandbox: Sandbox;
let port: number;

beforeAll(async () => {
  port = await freePort();
  sandbox = await startSandbox({ port });
});
afterAll(() => sandbox?.stop());

describe('the sandbox from another process', () => {
  it('listens where it was asked to', () => {
    expect(sandbox.endpoint).toBe(`http://127.0.0.1:${port}`);
    expect(sandbox.env).toMatchObject({
      AWS_ENDPOINT_URL: sandbox.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: expect.any(String),
      AWS_SECRET_ACCESS_KEY: expect.any(String),
    });
  });

  it('fails to start on a port that is taken, and says why', async () => {
    await expect(startSandbox({ port, dynamodb: false })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });

  it('reports its services on the health path', async () => {
    const response = await fetch(`${sandbox.endpoint}/_sandbox/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'running',
      services: {
        dynamodb: 'running',
        events: 'running',
        sqs: 'running',
        lambda: 'running',
        ses: 'running',
        control: 'running',
      },
    });
  });

  it('serves SDK clients configured by env alone, even over stale per-service endpoints', async () => {
    const clients = sdkClients(sandbox);
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: 'from-env',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    await clients.events.send(new CreateEventBusCommand({ Name: 'from-env' }));
    await clients.sqs.send(new CreateQueueCommand({ QueueName: 'from-env' }));

    // What a shell might still carry from another local setup.
    const staleEnv: Record<string, string> = { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1' };
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./support/use-env.ts', import.meta.url))],
      {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ...staleEnv,
          ...sandbox.env,
        },
        timeout: 60_000,
      },
    );
    expect(JSON.parse(stdout)).toEqual({
      tables: ['from-env'],
      buses: ['default', 'from-env'],
      queues: [`${sandbox.endpoint}/000000000000/from-env`],
    });
  });
});
