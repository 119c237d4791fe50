/**
 * The sandbox's benchmark: start-to-ready time, from nothing to a deployed app (beside moto's
 * CloudFormation), publish → handler latency and sustained events per second through a deployed
 * app, the edge's DynamoDB relay beside DynamoDB Local itself, SQS round trips, and how long an
 * event takes from PutEvents to its queue with 1, 10 and 100 rules on the bus.
 * Run with `pnpm --filter @davinci/testing bench` (writes bench/RESULTS.md), or name sections:
 * `pnpm --filter @davinci/testing bench relay flow` (prints only).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type Sandbox, startSandbox } from '../src/index.js';
import { locateDynamoDbLocalJar } from '../src/services/dynamodb/jar.js';
import { BENCH_STACK, synthesizeBenchApp } from './app.js';
import { benchDeployReady } from './deploy-ready.js';
import { benchDynamoDbRelay } from './dynamodb-relay.js';
import { benchLatency, benchThroughput, WriteProbe } from './event-flow.js';
import { benchIam } from './iam.js';
import { median, ms, percentile, table, writeResults } from './report.js';

const START_RUNS = 5;
const SQS_ROUND_TRIPS = 500;
const DYNAMODB_READS = 1_000;
const LATENCY_SAMPLES = 200;

// The sandbox's own key: not restricted by its IAM checks.
const credentials = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };
const clientConfig = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials });

/** DynamoDB Local alone (with the given JVM flags), until its first answer. */
async function startBareDynamoDbLocal(flags: string[]): Promise<number> {
  const { jar, libDir } = locateDynamoDbLocalJar();
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const started = performance.now();
  const child = spawn(
    'java',
    [
      ...flags,
      `-Djava.library.path=${libDir}`,
      '-jar',
      jar,
      '-inMemory',
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { stdio: 'ignore', cwd: tmpdir() },
  );
  try {
    for (;;) {
      try {
        await (await fetch(`http://127.0.0.1:${port}`)).arrayBuffer();
        return performance.now() - started;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  } finally {
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
}

async function timeStart(options: Parameters<typeof startSandbox>[0]): Promise<number> {
  const started = performance.now();
  const sandbox = await startSandbox(options);
  const elapsed = performance.now() - started;
  await sandbox.stop();
  return elapsed;
}

async function benchStart(): Promise<void> {
  const full: number[] = [];
  const withoutDynamoDb: number[] = [];
  const bare: number[] = [];
  const bareDefaultJit: number[] = [];
  for (let run = 0; run < START_RUNS; run++) {
    full.push(await timeStart({}));
    withoutDynamoDb.push(await timeStart({ dynamodb: false }));
    bare.push(await startBareDynamoDbLocal(['-XX:TieredStopAtLevel=1']));
    bareDefaultJit.push(await startBareDynamoDbLocal([]));
  }
  const reference = median(bareDefaultJit);
  const row = (name: string, values: number[]) => [
    name,
    ms(median(values)),
    ms(Math.min(...values)),
    ms(Math.max(...values)),
    `${(median(values) / reference).toFixed(2)}×`,
  ];
  table(
    `Start to ready (${START_RUNS} runs each)`,
    ['what', 'median', 'min', 'max', 'vs plain java -jar'],
    [
      row('startSandbox() (DynamoDB Local + EventBridge + SQS)', full),
      row('startSandbox({ dynamodb: false })', withoutDynamoDb),
      row('DynamoDB Local alone, C1 only (as the sandbox runs it)', bare),
      row('DynamoDB Local alone, plain java -jar', bareDefaultJit),
    ],
  );
}

async function benchSqs(sandbox: Sandbox): Promise<void> {
  const sqs = new SQSClient(clientConfig(sandbox.endpoint));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-round-trips' }));
  const roundTrip = async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'ping' }));
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }),
    );
    const [message] = Messages;
    if (!message) throw new Error('a sent message was not received');
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
  };
  for (let i = 0; i < 50; i++) await roundTrip(); // warm-up
  const started = performance.now();
  for (let i = 0; i < SQS_ROUND_TRIPS; i++) await roundTrip();
  const elapsed = performance.now() - started;
  table(
    `SQS send → receive → delete, one at a time, AWS SDK v3 (${SQS_ROUND_TRIPS} round trips)`,
    ['round trips / s', 'mean per round trip'],
    [[(SQS_ROUND_TRIPS / (elapsed / 1000)).toFixed(0), ms(elapsed / SQS_ROUND_TRIPS)]],
  );
}

async function benchDynamoDb(sandbox: Sandbox): Promise<void> {
  const upstream = sandbox.dynamodb?.upstreamEndpoint;
  if (!upstream) return;
  const viaEdge = new DynamoDBClient(clientConfig(sandbox.endpoint));
  const direct = new DynamoDBClient(clientConfig(upstream));
  await viaEdge.send(
    new CreateTableCommand({
      TableName: 'bench',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  await viaEdge.send(
    new PutItemCommand({
      TableName: 'bench',
      Item: { pk: { S: 'k' }, v: { S: 'x'.repeat(1000) } },
    }),
  );
  const readsPerSecond = async (client: DynamoDBClient) => {
    const read = () =>
      client.send(new GetItemCommand({ TableName: 'bench', Key: { pk: { S: 'k' } } }));
    for (let i = 0; i < 100; i++) await read();
    const started = performance.now();
    for (let i = 0; i < DYNAMODB_READS; i++) await read();
    return DYNAMODB_READS / ((performance.now() - started) / 1000);
  };
  const edgeRate = await readsPerSecond(viaEdge);
  const directRate = await readsPerSecond(direct);
  table(
    `DynamoDB GetItem (1 KB item), one at a time (${DYNAMODB_READS} reads)`,
    ['path', 'reads / s', 'vs direct'],
    [
      ['through the sandbox edge', edgeRate.toFixed(0), `${(edgeRate / directRate).toFixed(2)}×`],
      ['directly to DynamoDB Local', directRate.toFixed(0), '1.00×'],
    ],
  );
}

/** PutEvents → message in the queue, with `ruleCount` rules on the bus of which one matches. */
async function eventLatency(sandbox: Sandbox, ruleCount: number): Promise<number[]> {
  const events = new EventBridgeClient(clientConfig(sandbox.endpoint));
  const sqs = new SQSClient(clientConfig(sandbox.endpoint));
  const bus = `bench-${ruleCount}`;
  await events.send(new CreateEventBusCommand({ Name: bus }));
  const queueArn = async (name: string) => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return { url: QueueUrl as string, arn: Attributes?.QueueArn as string };
  };
  const target = await queueArn(`${bus}-target`);
  const elsewhere = await queueArn(`${bus}-elsewhere`);
  for (let rule = 0; rule < ruleCount; rule++) {
    const matching = rule === ruleCount - 1;
    // Non-matching rules differ where real ones do: type prefix and a detail field.
    const pattern = matching
      ? { 'detail-type': [{ prefix: 'order.' }], detail: { region: ['eu'] } }
      : { 'detail-type': [{ prefix: `other${rule}.` }], detail: { region: ['eu', `r${rule}`] } };
    await events.send(
      new PutRuleCommand({
        Name: `rule-${rule}`,
        EventBusName: bus,
        EventPattern: JSON.stringify(pattern),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: `rule-${rule}`,
        EventBusName: bus,
        Targets: [{ Id: 'q', Arn: matching ? target.arn : elsewhere.arn }],
      }),
    );
  }
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES + 20; i++) {
    // The long poll waits first, so it wakes the moment the message lands.
    const receiving = sqs.send(
      new ReceiveMessageCommand({ QueueUrl: target.url, WaitTimeSeconds: 5 }),
    );
    await new Promise((resolve) => setTimeout(resolve, 2));
    const started = performance.now();
    await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: bus,
            Source: 'bench',
            DetailType: 'order.placed',
            Detail: `{"region":"eu","n":${i}}`,
          },
        ],
      }),
    );
    const { Messages = [] } = await receiving;
    const elapsed = performance.now() - started;
    const [message] = Messages;
    if (!message) throw new Error(`event ${i} did not reach the queue within 5 s`);
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: target.url, ReceiptHandle: message.ReceiptHandle }),
    );
    if (i >= 20) samples.push(elapsed); // the first 20 warm up
  }
  return samples;
}

/** The same measurement without EventBridge: SendMessage → the waiting long poll returns. */
async function sendLatency(sandbox: Sandbox): Promise<number[]> {
  const sqs = new SQSClient(clientConfig(sandbox.endpoint));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-direct' }));
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES + 20; i++) {
    const receiving = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    await new Promise((resolve) => setTimeout(resolve, 2));
    const started = performance.now();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `{"n":${i}}` }));
    const { Messages = [] } = await receiving;
    const elapsed = performance.now() - started;
    const [message] = Messages;
    if (!message) throw new Error(`message ${i} was not received within 5 s`);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
    if (i >= 20) samples.push(elapsed);
  }
  return samples;
}

async function benchEvents(sandbox: Sandbox): Promise<void> {
  const direct = await sendLatency(sandbox);
  const baseline = percentile(direct, 50);
  const row = (name: string, samples: number[]) => [
    name,
    ms(percentile(samples, 50)),
    ms(percentile(samples, 99)),
    ms(Math.max(...samples)),
    `${(percentile(samples, 50) / baseline).toFixed(2)}×`,
  ];
  const rows: string[][] = [];
  for (const ruleCount of [1, 10, 100]) {
    const samples = await eventLatency(sandbox, ruleCount);
    rows.push(row(`PutEvents, ${ruleCount} rule${ruleCount > 1 ? 's' : ''} on the bus`, samples));
  }
  rows.push(row('SendMessage straight to the queue (baseline)', direct));
  table(
    `Send → message in the queue, seen by a waiting long poll (${LATENCY_SAMPLES} per row; one rule matches)`,
    ['path', 'p50', 'p99', 'max', 'p50 vs baseline'],
    rows,
  );
}

/** Sections to run: all by default, or those named on the command line (`bench relay flow`). */
const SECTIONS = ['start', 'deploy', 'flow', 'relay', 'sqs', 'dynamodb', 'events', 'iam'] as const;
type Section = (typeof SECTIONS)[number];
const named = process.argv.slice(2);
const unknown = named.filter((name) => !(SECTIONS as readonly string[]).includes(name));
if (unknown.length > 0)
  throw new Error(`unknown sections ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
const runs = (section: Section) => named.length === 0 || named.includes(section);

// The functions' SDK would print its notice about this Node version in every worker.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
const benchStarted = performance.now();
const scratch = mkdtempSync(join(tmpdir(), 'davinci-bench-'));
try {
  const needsApp = runs('deploy') || runs('flow');
  // Synthesized (and its functions bundled) once, before anything is timed.
  const cloudAssembly = needsApp ? synthesizeBenchApp(join(scratch, 'cdk.out')) : '';
  if (runs('start')) await benchStart();
  if (runs('deploy')) await benchDeployReady(cloudAssembly, scratch);
  const probe = new WriteProbe();
  const sandbox = await startSandbox({ onFunctionLog: probe.onFunctionLog });
  try {
    if (runs('flow')) {
      await sandbox.deploy(cloudAssembly);
      await benchLatency(sandbox, probe);
      await benchThroughput(sandbox, probe);
      await sandbox.destroy(BENCH_STACK);
    }
    if (runs('relay')) await benchDynamoDbRelay(sandbox);
    if (runs('sqs')) await benchSqs(sandbox);
    if (runs('dynamodb')) await benchDynamoDb(sandbox);
    if (runs('events')) await benchEvents(sandbox);
  } finally {
    await sandbox.stop();
  }
  if (runs('iam')) await benchIam(scratch);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const intro = [
  `Sections: ${named.length > 0 ? named.join(', ') : 'all'}; the whole run took ${(
    (performance.now() - benchStarted) / 1000
  ).toFixed(0)} s.`,
  'Every number is measured beside its alternative in the same run; the machine runs other work',
  '(tests, CI) at the same time, so absolute numbers are noisy and the ratios are what compare.',
  'Regenerate with `pnpm --filter @davinci/testing bench` (from the repository root: `pnpm bench`).',
].join(' ');
// A partial run prints only, so the results file always holds one whole run.
if (named.length === 0)
  writeResults(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), intro);
else console.log(`\n${intro}`);
