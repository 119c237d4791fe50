import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Match, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceleratedClock, type Sandbox, startSandbox, waitFor } from '../src/index.js';
import { receiveMessages, sdkClients } from './support/clients.js';

const ENTRY = fileURLToPath(new URL('./fixtures/functions/handlers.ts', import.meta.url));

/**
 * An app written with aws-cdk-lib directly: a table, a bus, a rule on `user.*` → a queue with a
 * dead-letter queue → a NodejsFunction (bundled by the local esbuild) fed by an SQS event source
 * with partial batch responses; and three functions invoked directly.
 */
function synthesize(dir: string, codeVersion: string): string {
  const app = new App({ outdir: dir });
  const stack = new Stack(app, 'users', { stackName: 'users' });
  const table = new Table(stack, 'Users', {
    tableName: 'users-seen',
    partitionKey: { name: 'id', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const bus = new EventBus(stack, 'Bus', { eventBusName: 'users-bus' });
  const deadLetters = new Queue(stack, 'DeadLetters', { queueName: 'users-dlq' });
  const queue = new Queue(stack, 'Work', {
    queueName: 'users-work',
    // 3 s of real time on the test's 100× clock: longer than a cold start, so a record comes
    // back only when its handler failed it.
    visibilityTimeout: Duration.seconds(300),
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: 2 },
  });
  new Rule(stack, 'UserEvents', {
    eventBus: bus,
    eventPattern: { detailType: Match.prefix('user.') },
    targets: [new SqsQueue(queue)],
  });
  const common = { entry: ENTRY, runtime: Runtime.NODEJS_22_X, bundling: { minify: false } };
  const handler = new NodejsFunction(stack, 'HandleUserEvents', {
    ...common,
    functionName: 'users-handle-user-events',
    handler: 'handleUserEvents',
    environment: { TABLE_NAME: table.tableName, CODE_VERSION: codeVersion },
  });
  table.grantWriteData(handler);
  handler.addEventSource(
    new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }),
  );
  for (const [id, name, timeout] of [
    ['Sleepy', 'sleepy', 1],
    ['Introspect', 'introspect', 5],
    ['WithCallback', 'withCallback', 5],
    ['Broken', 'broken', 5],
  ] as const) {
    new NodejsFunction(stack, id, {
      ...common,
      functionName: `users-${name}`,
      handler: name,
      timeout: Duration.seconds(timeout),
      memorySize: 256,
    });
  }
  // An ES module bundle (index.mjs) and inline code (index.js), as Lambda loads both.
  new NodejsFunction(stack, 'IntrospectEsm', {
    ...common,
    functionName: 'users-introspect-esm',
    handler: 'introspect',
    bundling: { minify: false, format: OutputFormat.ESM },
  });
  new LambdaFunction(stack, 'Inline', {
    functionName: 'users-inline',
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async (event) => ({ doubled: event.n * 2 });'),
  });
  return app.synth().directory;
}

let sandbox: Sandbox;
let root: string;

beforeAll(async () => {
  // The SDK's notice about this Node version would otherwise be part of every function's logs.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Visibility timeouts and long polls run 100× faster; function timeouts stay real.
  sandbox = await startSandbox({ clock: acceleratedClock(100) });
  root = mkdtempSync(join(tmpdir(), 'davinci-deploy-functions-'));
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Publishes one `user.created` event per detail (JSON text) to the app's bus, with the SDK. */
async function publishUserCreated(...details: string[]): Promise<void> {
  await sdkClients(sandbox).events.send(
    new PutEventsCommand({
      Entries: details.map((detail) => ({
        EventBusName: 'users-bus',
        Source: 'users',
        DetailType: 'user.created',
        Detail: detail,
      })),
    }),
  );
}

async function seen(id: string): Promise<Record<string, string> | undefined> {
  const { Item } = await sdkClients(sandbox).dynamodb.send(
    new GetItemCommand({ TableName: 'users-seen', Key: { id: { S: id } } }),
  );
  return Item
    ? Object.fromEntries(Object.entries(Item).map(([key, value]) => [key, value.S ?? '']))
    : undefined;
}

describe('functions deployed from a cloud assembly', () => {
  it('deploys the functions and the event source mapping', async () => {
    const result = await sandbox.deploy(synthesize(join(root, 'v1'), 'v1'));
    expect([...sandbox.lambda.functionNames()].sort()).toEqual([
      'users-broken',
      'users-handle-user-events',
      'users-inline',
      'users-introspect',
      'users-introspect-esm',
      'users-sleepy',
      'users-withCallback',
    ]);
    expect(
      result.stacks[0]?.resources.filter((r) => r.type === 'AWS::Lambda::EventSourceMapping'),
    ).toHaveLength(1);
  }, 120_000);

  it('runs the handler for an event published with the SDK, and it writes the table', async () => {
    await publishUserCreated('{"id":"u1"}');
    expect(await waitFor(() => seen('u1'), { timeout: 15_000 })).toEqual({
      id: 'u1',
      codeVersion: 'v1',
      source: 'aws:sqs',
    });
    // The item is written before the invocation ends: wait for its REPORT line.
    const lines = await waitFor(async () => {
      const logged = sandbox.lambda.logs('users-handle-user-events').map((entry) => entry.line);
      return logged.some((line) => line.startsWith('REPORT ')) ? logged : undefined;
    });
    // Lambda's order: START, what the function printed, END, REPORT.
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['START', 'handled', 'END', 'REPORT']);
    expect(lines).toContain('handled 1 record(s)');
    expect(
      lines.some((line) => /^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/.test(line)),
    ).toBe(true);
    expect(
      lines.some((line) =>
        /^REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB$/.test(
          line,
        ),
      ),
    ).toBe(true);
  });

  it('retries only the record the handler reports as failed, which then sits in the DLQ', async () => {
    await publishUserCreated('{"id":"ok-1"}', '{"id":"bad","fail":true}', '{"id":"ok-2"}');
    expect(await waitFor(() => seen('ok-1'), { timeout: 15_000 })).toMatchObject({ id: 'ok-1' });
    expect(await waitFor(() => seen('ok-2'), { timeout: 15_000 })).toMatchObject({ id: 'ok-2' });
    const { sqs } = sdkClients(sandbox);
    const dlqUrl = `${sandbox.endpoint}/${sandbox.accountId}/users-dlq`;
    const parked = await receiveMessages(sqs, dlqUrl, 1, 20_000);
    expect(parked.map((message) => JSON.parse(message.Body ?? '{}').detail)).toEqual([
      { id: 'bad', fail: true },
    ]);
    expect(await seen('bad')).toBeUndefined();
  });

  it('gives the handler a faithful context and environment', async () => {
    const result = await sandbox.lambda.invoke('users-introspect', { hello: 'world' });
    expect(result).toMatchObject({
      ok: true,
      result: {
        event: { hello: 'world' },
        functionName: 'users-introspect',
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:users-introspect',
        remainingIsPositive: true,
        memory: '256',
        region: 'us-east-1',
      },
    });
    expect(result.ok && (result.result as { requestId: string }).requestId).toBe(result.requestId);
  });

  it('loads ES module bundles and inline code', async () => {
    expect(await sandbox.lambda.invoke('users-introspect-esm', {})).toMatchObject({
      ok: true,
      result: { functionName: 'users-introspect-esm' },
    });
    expect(await sandbox.lambda.invoke('users-inline', { n: 21 })).toMatchObject({
      ok: true,
      result: { doubled: 42 },
    });
  });

  it('refuses a runtime it cannot run, naming the function, and creates nothing', async () => {
    const app = new App({ outdir: join(root, 'python') });
    const stack = new Stack(app, 'python-app', { stackName: 'python-app' });
    new Queue(stack, 'Before', { queueName: 'python-app-before' });
    new LambdaFunction(stack, 'Snake', {
      functionName: 'python-app-snake',
      runtime: Runtime.PYTHON_3_12,
      handler: 'index.handler',
      code: Code.fromInline('def handler(event, context): return 1'),
    });
    await expect(sandbox.deploy(app.synth().directory)).rejects.toThrow(
      /^stack python-app: Snake[0-9A-F]{8} \(AWS::Lambda::Function\) could not be created: function python-app-snake: the runtime "python3\.12" is not supported; the sandbox runs nodejs18\.x to nodejs24\.x$/,
    );
    expect(sandbox.lambda.functionNames()).not.toContain('python-app-snake');
  });

  it('runs callback handlers and reports thrown errors as Lambda does', async () => {
    expect(await sandbox.lambda.invoke('users-withCallback', { name: 'Ada' })).toMatchObject({
      ok: true,
      result: 'hello Ada',
    });
    expect(await sandbox.lambda.invoke('users-broken', {})).toMatchObject({
      ok: false,
      error: { errorType: 'TypeError', errorMessage: 'no such user' },
    });
  });

  it('enforces the timeout: the invocation fails and the worker is replaced', async () => {
    const result = await sandbox.lambda.invoke('users-sleepy', {});
    expect(result).toMatchObject({ ok: false, error: { errorType: 'Sandbox.Timedout' } });
    expect(!result.ok && result.error.errorMessage).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z [0-9a-f-]{36} Task timed out after 1\.00 seconds$/,
    );
    // The next invocation gets a fresh worker and times out the same way, not a stuck one.
    expect((await sandbox.lambda.invoke('users-sleepy', {})).ok).toBe(false);
  }, 20_000);

  it('runs the new code after a redeploy', async () => {
    await sandbox.deploy(synthesize(join(root, 'v2'), 'v2'));
    await publishUserCreated('{"id":"u2"}');
    expect(await waitFor(() => seen('u2'), { timeout: 15_000 })).toEqual({
      id: 'u2',
      codeVersion: 'v2',
      source: 'aws:sqs',
    });
  }, 120_000);

  it('removes the functions and stops polling when the stack is destroyed', async () => {
    await sandbox.destroy('users');
    expect(sandbox.lambda.functionNames()).toEqual([]);
  });
});
