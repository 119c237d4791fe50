/**
 * The cost of IAM evaluation per request: a deployed function's credentials, whose role has 20
 * statements (the one that allows the call last, so every statement is looked at), against the
 * same requests in a sandbox started with `iam: 'off'`. Both sandboxes share one DynamoDB Local
 * and run the same requests in interleaved passes.
 */
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { App, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { type Sandbox, startSandbox } from '../src/index.js';
import { median, ms, ratio, table } from './report.js';

const PASSES = 6;
const REQUESTS_PER_PASS = 300;
const STATEMENTS = 20;

/** A function whose role has 20 statements; it answers its credentials and resource names. */
function synthesizeIamApp(dir: string): string {
  const app = new App({ outdir: dir });
  const stack = new Stack(app, 'bench-iam', { stackName: 'bench-iam' });
  const table = new Table(stack, 'Items', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
  });
  const queue = new Queue(stack, 'Work', { queueName: 'bench-iam-work' });
  const statements: PolicyStatement[] = [];
  for (let index = 0; index < STATEMENTS - 2; index++) {
    statements.push(
      new PolicyStatement({
        actions: ['dynamodb:Query', 'dynamodb:Scan', 'sqs:ChangeMessageVisibility'],
        resources: [`${table.tableArn}-other-${index}`, `${queue.queueArn}-other-${index}`],
      }),
    );
  }
  statements.push(
    new PolicyStatement({
      actions: ['dynamodb:DeleteTable'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    }),
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'sqs:SendMessage'],
      resources: [table.tableArn, queue.queueArn],
    }),
  );
  const role = new Role(stack, 'Role', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    inlinePolicies: { bench: new PolicyDocument({ statements }) },
  });
  new LambdaFunction(stack, 'Credentials', {
    functionName: 'bench-iam-credentials',
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    role,
    environment: { TABLE_NAME: table.tableName, QUEUE_URL: queue.queueUrl },
    code: Code.fromInline(
      'exports.handler = async () => ({ accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY, sessionToken: process.env.AWS_SESSION_TOKEN, table: process.env.TABLE_NAME, queueUrl: process.env.QUEUE_URL });',
    ),
  });
  return app.synth().directory;
}

interface Caller {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly table: string;
  readonly queueUrl: string;
}

/** Clients signed with the deployed function's own credentials, as its code would be. */
async function functionCaller(sandbox: Sandbox, cloudAssembly: string): Promise<Caller> {
  await sandbox.deploy(cloudAssembly);
  const result = await sandbox.lambda.invoke('bench-iam-credentials', {});
  if (!result.ok) throw new Error(`the credentials function failed: ${result.error.errorMessage}`);
  const answer = result.result as {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    table: string;
    queueUrl: string;
  };
  const config = {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: {
      accessKeyId: answer.accessKeyId,
      secretAccessKey: answer.secretAccessKey,
      sessionToken: answer.sessionToken,
    },
  };
  const caller = {
    dynamodb: new DynamoDBClient(config),
    sqs: new SQSClient(config),
    table: answer.table,
    queueUrl: answer.queueUrl,
  };
  await caller.dynamodb.send(
    new PutItemCommand({ TableName: caller.table, Item: { pk: { S: 'k' }, v: { S: 'x' } } }),
  );
  return caller;
}

const REQUESTS = {
  'DynamoDB GetItem': (caller: Caller) =>
    caller.dynamodb.send(new GetItemCommand({ TableName: caller.table, Key: { pk: { S: 'k' } } })),
  'SQS SendMessage': (caller: Caller) =>
    caller.sqs.send(new SendMessageCommand({ QueueUrl: caller.queueUrl, MessageBody: 'ping' })),
} as const;

/** Mean milliseconds per request over one pass. */
async function pass(caller: Caller, request: (caller: Caller) => Promise<unknown>) {
  const started = performance.now();
  for (let i = 0; i < REQUESTS_PER_PASS; i++) await request(caller);
  return (performance.now() - started) / REQUESTS_PER_PASS;
}

export async function benchIam(scratch: string): Promise<void> {
  const cloudAssembly = synthesizeIamApp(join(scratch, 'iam.out'));
  const enforced = await startSandbox({ iam: 'enforce' });
  const upstream = enforced.dynamodb?.upstreamEndpoint;
  const unchecked = await startSandbox({
    iam: 'off',
    ...(upstream !== undefined && { dynamodb: { endpoint: upstream } }),
  });
  try {
    const callers = {
      enforce: await functionCaller(enforced, cloudAssembly),
      off: await functionCaller(unchecked, cloudAssembly),
    };
    const rows: string[][] = [];
    for (const [name, request] of Object.entries(REQUESTS)) {
      const samples = { enforce: [] as number[], off: [] as number[] };
      for (const mode of ['enforce', 'off'] as const) {
        for (let i = 0; i < 50; i++) await request(callers[mode]); // warm-up
      }
      for (let index = 0; index < PASSES; index++) {
        // The order flips every pass, so neither mode always runs on a warmer process.
        const order =
          index % 2 === 0 ? (['enforce', 'off'] as const) : (['off', 'enforce'] as const);
        for (const mode of order) samples[mode].push(await pass(callers[mode], request));
      }
      const enforce = median(samples.enforce);
      const off = median(samples.off);
      const ratios = samples.enforce.map((value, index) => value / (samples.off[index] as number));
      rows.push([
        name,
        ms(off),
        ms(enforce),
        `+${((enforce - off) * 1000).toFixed(0)} µs`,
        ratio(enforce / off),
        `${ratio(Math.min(...ratios))} – ${ratio(Math.max(...ratios))}`,
        ratio(enforce / off / 1.05),
      ]);
    }
    const denied = enforced.iam.denials().length;
    table(
      `IAM evaluation per request: a function's credentials, a role of ${STATEMENTS} statements (the allowing one last), enforce vs iam: 'off'; ${PASSES} interleaved passes of ${REQUESTS_PER_PASS}`,
      [
        'request',
        "iam: 'off' (median of pass means)",
        'enforce',
        'added per request',
        'enforce / off',
        'per-pass range',
        'vs target 1.05×',
      ],
      rows,
      `Same AWS SDK v3 clients, signed with the deployed function's own credentials, one request at a time; both sandboxes relay to one DynamoDB Local. Under enforce a function's DynamoDB request is read whole to find its table (the sandbox's own requests still stream). Denials during the run: ${denied}.`,
    );
  } finally {
    await unchecked.stop();
    await enforced.stop();
  }
}
