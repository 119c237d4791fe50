import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { App, Stack } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IamMode, InvalidIamModeError, type Sandbox, startSandbox } from '../src/index.js';
import { receiveMessages, sdkClients } from './support/clients.js';

const ENTRY = fileURLToPath(new URL('./fixtures/functions/iam-handlers.ts', import.meta.url));
const OUTBOX_ARN = 'arn:aws:sqs:us-east-1:000000000000:modes-outbox';

/** A function that sends to a queue its role has no grant on. */
function synthesize(dir: string): string {
  const app = new App({ outdir: dir });
  const stack = new Stack(app, 'modes', { stackName: 'modes' });
  const outbox = new Queue(stack, 'Outbox', { queueName: 'modes-outbox' });
  new NodejsFunction(stack, 'Sender', {
    entry: ENTRY,
    runtime: Runtime.NODEJS_22_X,
    bundling: { minify: false },
    functionName: 'modes-sender',
    handler: 'sendNote',
    environment: { QUEUE_URL: outbox.queueUrl },
  });
  return app.synth().directory;
}

let root: string;
let assembly: string;
const printed: string[] = [];
const warn = console.warn;

beforeAll(() => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  console.warn = (line: string) => {
    if (String(line).includes('IAM')) printed.push(line);
    else warn(line);
  };
  root = mkdtempSync(join(tmpdir(), 'davinci-iam-modes-'));
  assembly = synthesize(join(root, 'cdk.out'));
});

afterAll(() => {
  console.warn = warn;
  rmSync(root, { recursive: true, force: true });
});

async function withSandbox(mode: IamMode, run: (sandbox: Sandbox) => Promise<void>) {
  const sandbox = await startSandbox({ dynamodb: false, iam: mode });
  try {
    await sandbox.deploy(assembly);
    await run(sandbox);
  } finally {
    await sandbox.stop();
  }
}

const stranger = (sandbox: Sandbox) =>
  new SQSClient({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' },
  });

describe('IAM modes', () => {
  it('warn: serves the call, records the denial as not enforced and prints it once', async () => {
    await withSandbox('warn', async (sandbox) => {
      expect(sandbox.iam.mode).toBe('warn');
      for (const body of ['one', 'two']) {
        const result = await sandbox.lambda.invoke('modes-sender', { body });
        expect((result as { result: unknown }).result).toEqual({ ok: true });
      }
      const url = `${sandbox.endpoint}/000000000000/modes-outbox`;
      expect(await receiveMessages(sdkClients(sandbox).sqs, url, 2)).toHaveLength(2);
      expect(sandbox.iam.denials()).toEqual([
        expect.objectContaining({
          action: 'sqs:SendMessage',
          resource: OUTBOX_ARN,
          enforced: false,
        }),
        expect.objectContaining({
          action: 'sqs:SendMessage',
          resource: OUTBOX_ARN,
          enforced: false,
        }),
      ]);
      expect(printed.filter((line) => line.includes('modes-sender'))).toEqual([
        `[sandbox] IAM would deny (iam: warn) modes-sender: sqs:SendMessage on ${OUTBOX_ARN}; fix: allow sqs:SendMessage on ${OUTBOX_ARN}`,
      ]);
      // Unknown credentials are reported, and served.
      expect((await stranger(sandbox).send(new ListQueuesCommand({}))).QueueUrls).toEqual([url]);
    });
  }, 60_000);

  it('off: checks nothing and records nothing', async () => {
    await withSandbox('off', async (sandbox) => {
      const result = await sandbox.lambda.invoke('modes-sender', { body: 'three' });
      expect((result as { result: unknown }).result).toEqual({ ok: true });
      expect(sandbox.iam.denials()).toEqual([]);
      expect((await stranger(sandbox).send(new ListQueuesCommand({}))).QueueUrls).toHaveLength(1);
    });
  }, 60_000);

  it('enforce: the same call is denied', async () => {
    await withSandbox('enforce', async (sandbox) => {
      const result = await sandbox.lambda.invoke('modes-sender', { body: 'four' });
      expect((result as { result: unknown }).result).toMatchObject({
        ok: false,
        name: 'AccessDenied',
      });
      expect(sandbox.iam.denials()).toEqual([
        expect.objectContaining({
          action: 'sqs:SendMessage',
          resource: OUTBOX_ARN,
          enforced: true,
        }),
      ]);
    });
  }, 60_000);

  it('refuses a mode that does not exist', async () => {
    await expect(startSandbox({ dynamodb: false, iam: 'strict' as IamMode })).rejects.toThrow(
      new InvalidIamModeError('strict'),
    );
    await expect(startSandbox({ dynamodb: false, iam: 'strict' as IamMode })).rejects.toMatchObject(
      {
        code: 'INVALID_IAM_MODE',
        message: `iam: must be 'enforce', 'warn' or 'off', got "strict"`,
      },
    );
  });
});
