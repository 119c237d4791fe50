import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueUrlCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { App, Stack } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Code, Function as LambdaFn, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, CliProcess, descendantsOf } from './support/cli-process.js';
import { isAlive } from './support/processes.js';

/**
 * `davinci-sandbox`, the built bin, run as a user runs it: start with a deployed app, a
 * handler's log line on its stdout, deploy into it from a second process, Ctrl-C, and dev.
 */
const ECHO = `exports.handler = async (event) => { console.log('echo got', JSON.stringify(event.detail)); };`;

const root = mkdtempSync(join(tmpdir(), 'davinci-cli-'));
const running: CliProcess[] = [];
const cli = (args: readonly string[], options?: ConstructorParameters<typeof CliProcess>[1]) => {
  const started = new CliProcess(args, options);
  running.push(started);
  return started;
};
const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
});

function synthesizeApp(dir: string, extra?: (stack: Stack) => void): string {
  const app = new App({ outdir: dir });
  const stack = new Stack(app, 'cli-app', { stackName: 'cli-app' });
  const bus = new EventBus(stack, 'Bus', { eventBusName: 'cli-bus' });
  const echo = new LambdaFn(stack, 'Echo', {
    functionName: 'cli-echo',
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline(ECHO),
  });
  new Rule(stack, 'Greetings', {
    eventBus: bus,
    eventPattern: { source: ['cli'] },
    targets: [new LambdaFunction(echo)],
  });
  extra?.(stack);
  return app.synth().directory;
}

let assembly: string;
let second: string;

beforeAll(() => {
  assembly = synthesizeApp(join(root, 'first'));
  second = synthesizeApp(
    join(root, 'second'),
    (stack) => new Queue(stack, 'Extra', { queueName: 'cli-extra' }),
  );
});
afterEach(() => {
  for (const process of running.splice(0)) process.kill();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('davinci-sandbox start', () => {
  it('prints the endpoint, the env, the deploy, then function logs; deploy reaches it; Ctrl-C leaves nothing running', async () => {
    const sandbox = cli(['start', '--port', '0', '--deploy', assembly]);
    await sandbox.waitForLine((line) => line.startsWith('function logs follow'), 60_000);
    const endpoint =
      /^sandbox running at (http:\/\/127\.0\.0\.1:\d+)$/.exec(sandbox.lines[0] ?? '')?.[1] ?? '';
    expect(endpoint).not.toBe('');
    const lines = sandbox.lines.map((line) => line.replaceAll(endpoint, '<endpoint>'));
    expect(lines.slice(0, 14)).toEqual([
      'sandbox running at <endpoint>',
      'export AWS_ENDPOINT_URL=<endpoint>',
      'export AWS_ENDPOINT_URL_DYNAMODB=<endpoint>',
      'export AWS_ENDPOINT_URL_EVENTBRIDGE=<endpoint>',
      'export AWS_ENDPOINT_URL_LAMBDA=<endpoint>',
      'export AWS_ENDPOINT_URL_SESV2=<endpoint>',
      'export AWS_ENDPOINT_URL_SQS=<endpoint>',
      'export AWS_REGION=us-east-1',
      'export AWS_DEFAULT_REGION=us-east-1',
      'export AWS_ACCESS_KEY_ID=sandbox',
      'export AWS_SECRET_ACCESS_KEY=sandbox',
      'deploying cli-app …',
      expect.stringMatching(
        /^deployed cli-app in \d+\.\d s: \d+ changed, 0 unchanged \(3 in the sandbox, \d+ recorded\)$/,
      ),
      expect.stringMatching(/^STACK\s+TYPE\s+LOGICAL ID\s+PHYSICAL ID$/),
    ]);
    expect(lines.slice(14, 17).map((line) => line.split(/\s+/).slice(0, 2))).toEqual([
      ['cli-app', 'Events::EventBus'],
      ['cli-app', 'Lambda::Function'],
      ['cli-app', 'Events::Rule'],
    ]);
    expect(lines[17]).toMatch(/^deployed 1 stack\(s\): 3 resource\(s\) created/);
    const children = descendantsOf(sandbox.pid);
    // The DynamoDB Local watchdog and its JVM.
    expect(children.length).toBeGreaterThanOrEqual(2);

    // A handler's log line, prefixed with the function's name, on the CLI's stdout.
    await new EventBridgeClient(clientConfig(endpoint)).send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'cli-bus', Source: 'cli', DetailType: 'greeting', Detail: '{"hi":1}' },
        ],
      }),
    );
    await sandbox.waitForLine((line) => line === 'cli-echo | echo got {"hi":1}');

    // `deploy` from another process updates the running sandbox.
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [CLI, 'deploy', second, '--endpoint', endpoint],
      { timeout: 60_000 },
    );
    expect(stderr).toBe('');
    expect(stdout.split('\n').at(-2)).toMatch(/^deployed 1 stack\(s\): 4 resource\(s\) created/);
    const { QueueUrl } = await new SQSClient(clientConfig(endpoint)).send(
      new GetQueueUrlCommand({ QueueName: 'cli-extra' }),
    );
    expect(QueueUrl).toBe(`${endpoint}/000000000000/cli-extra`);

    sandbox.signal('SIGINT');
    expect(await sandbox.exited).toEqual({ code: 0, signal: null });
    expect(sandbox.lines.slice(-2)).toEqual(['SIGINT: stopping the sandbox …', 'stopped']);
    expect(children.filter(isAlive)).toEqual([]);
    await expect(fetch(`${endpoint}/_sandbox/health`)).rejects.toThrow();
  }, 120_000);

  it('refuses a folder that is no cloud assembly, clearly, with exit code 1', async () => {
    const run = await promisify(execFile)(
      process.execPath,
      [CLI, 'deploy', join(root, 'nothing')],
      {
        timeout: 30_000,
      },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect({ code: (run as { code?: number }).code, stderr: run.stderr }).toEqual({
      code: 1,
      stderr: `davinci-sandbox: ${join(root, 'nothing')} is no cloud assembly: it has no manifest.json (run cdk synth)\n`,
    });
  });

  it('says when no sandbox answers at the endpoint', async () => {
    const run = await promisify(execFile)(
      process.execPath,
      [CLI, 'deploy', assembly, '--endpoint', 'http://127.0.0.1:9'],
      { timeout: 30_000 },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect((run as { code?: number }).code).toBe(1);
    expect(run.stderr).toMatch(
      /^davinci-sandbox: no sandbox answers at http:\/\/127\.0\.0\.1:9 \(.+\); start one with `davinci-sandbox start`\n$/,
    );
  });
});

describe('davinci-sandbox dev', () => {
  it('synthesizes, deploys, and on a source change redeploys the function with its new code', async () => {
    // Inside the package, so the app resolves aws-cdk-lib as a project of the user's would.
    const project = mkdtempSync(join(fileURLToPath(new URL('..', import.meta.url)), '.cli-dev-'));
    try {
      const handler = (word: string) => `exports.handler = async () => ({ word: '${word}' });\n`;
      writeFileSync(join(project, 'handler.js'), handler('first'));
      mkdirSync(join(project, 'lib'));
      writeFileSync(
        join(project, 'lib', 'app.mjs'),
        `import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
const app = new App();
const stack = new Stack(app, 'dev-app', { stackName: 'dev-app' });
new Function(stack, 'Word', {
  functionName: app.node.getContext('functionName'),
  runtime: Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: Code.fromInline(readFileSync(new URL('../handler.js', import.meta.url), 'utf8')),
});
app.synth();
`,
      );
      // The function's name comes from the context, as `cdk synth` would pass it.
      writeFileSync(
        join(project, 'cdk.json'),
        '{ "app": "node lib/app.mjs", "context": { "functionName": "dev-word" } }\n',
      );
      const dev = cli(['dev', '--port', '0', '--no-dynamodb'], { cwd: project });
      await dev.waitForLine((line) => line.startsWith('ready in '), 60_000);
      const endpoint = /(http:\/\/127\.0\.0\.1:\d+)$/.exec(dev.lines[0] ?? '')?.[1] ?? '';
      const lambda = new LambdaClient(clientConfig(endpoint));
      const word = async () =>
        JSON.parse(
          Buffer.from(
            (await lambda.send(new InvokeCommand({ FunctionName: 'dev-word' }))).Payload ?? [],
          ).toString(),
        ) as unknown;
      expect(await word()).toEqual({ word: 'first' });

      writeFileSync(join(project, 'handler.js'), handler('second'));
      await dev.waitForLine((line) => line.startsWith('redeployed in '), 60_000);
      expect(await word()).toEqual({ word: 'second' });
      expect(dev.lines.filter((line) => line.startsWith('deploying dev-app'))).toHaveLength(2);
      expect(dev.lines).toContain('changed: handler.js');
      // Only the function changed; its log group and role were left as they were.
      expect(dev.lines.filter((line) => line.startsWith('deployed dev-app in ')).at(-1)).toMatch(
        /: 1 changed, [1-9]\d* unchanged \(/,
      );

      dev.signal('SIGTERM');
      expect(await dev.exited).toEqual({ code: 0, signal: null });
      expect(dev.stderr).toBe('');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('davinci-sandbox --iam', () => {
  const stranger = (endpoint: string) =>
    new SQSClient({
      ...clientConfig(endpoint),
      credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' },
    });

  it('enforces by default: credentials the sandbox does not know are refused', async () => {
    const sandbox = cli(['start', '--port', '0', '--no-dynamodb']);
    await sandbox.waitForLine((line) => line.startsWith('function logs follow'));
    const endpoint = /(http:\/\/127\.0\.0\.1:\d+)$/.exec(sandbox.lines[0] ?? '')?.[1] ?? '';
    await expect(stranger(endpoint).send(new ListQueuesCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
  });

  it('--iam off checks nothing', async () => {
    const sandbox = cli(['start', '--port', '0', '--no-dynamodb', '--iam', 'off']);
    await sandbox.waitForLine((line) => line.startsWith('function logs follow'));
    const endpoint = /(http:\/\/127\.0\.0\.1:\d+)$/.exec(sandbox.lines[0] ?? '')?.[1] ?? '';
    expect((await stranger(endpoint).send(new ListQueuesCommand({}))).QueueUrls).toBeUndefined();
  });

  it('refuses a mode that does not exist', async () => {
    const sandbox = cli(['start', '--port', '0', '--no-dynamodb', '--iam', 'strict']);
    expect(await sandbox.exited).toEqual({ code: 1, signal: null });
    expect(sandbox.stderr).toContain(
      "option '--iam <mode>' argument 'strict' is invalid. Allowed choices are enforce, warn, off.",
    );
  });
});
