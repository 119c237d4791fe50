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
import { IamAuthorizer } from '../src/iam/authorizer.js';
import { IamRegistry } from '../src/iam/registry.js';
import { type Sandbox, startSandbox } from '../src/index.js';
import { dynamoDbPermissions } from '../src/services/dynamodb/permissions.js';
import { sqsPermissions } from '../src/services/sqs/permissions.js';
import { median, ms, ratio, table } from './report.js';

const PASSES = 10;
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

const MODES = ['enforce', 'off', 'own'] as const;
type Mode = (typeof MODES)[number];

/**
 * Each request's milliseconds over one pass, per mode. The modes take turns request by request
 * (the order turning every round), so a slow spell of the machine falls on all of them alike.
 */
async function pass(
  callers: Record<Mode, Caller>,
  request: (caller: Caller) => Promise<unknown>,
): Promise<Record<Mode, number[]>> {
  const samples: Record<Mode, number[]> = { enforce: [], off: [], own: [] };
  for (let round = 0; round < REQUESTS_PER_PASS; round++) {
    for (let turn = 0; turn < MODES.length; turn++) {
      const mode = MODES[(round + turn) % MODES.length] as Mode;
      const started = performance.now();
      await request(callers[mode]);
      samples[mode].push(performance.now() - started);
    }
  }
  return samples;
}

const CHECKS = 20_000;
const SCOPE = { region: 'us-east-1', accountId: '000000000000' };

/**
 * The edge's check alone, in process: who signed (SigV4 header parsed), what the request needs
 * (its body decoded by the service's mapping) and the 20-statement evaluation. Microseconds per
 * request, for the two requests of the end-to-end rows.
 */
function checkAlone(): Record<keyof typeof REQUESTS, number> {
  const registry = new IamRegistry();
  const tableArn = 'arn:aws:dynamodb:us-east-1:000000000000:table/items';
  const queueArn = 'arn:aws:sqs:us-east-1:000000000000:work';
  const statements: unknown[] = [];
  for (let index = 0; index < STATEMENTS - 2; index++) {
    statements.push({
      Effect: 'Allow',
      Action: ['dynamodb:Query', 'dynamodb:Scan', 'sqs:ChangeMessageVisibility'],
      Resource: [`${tableArn}-other-${index}`, `${queueArn}-other-${index}`],
    });
  }
  statements.push(
    {
      Effect: 'Allow',
      Action: 'dynamodb:DeleteTable',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    },
    {
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'sqs:SendMessage'],
      Resource: [tableArn, queueArn],
    },
  );
  const roleArn = 'arn:aws:iam::000000000000:role/bench';
  registry.putRole(
    'bench',
    { Policies: [{ PolicyName: 'bench', PolicyDocument: { Statement: statements } }] },
    roleArn,
  );
  const { accessKeyId } = registry.putFunction({
    functionName: 'bench',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bench',
    roleArn,
    environment: {},
  });
  const authorizer = new IamAuthorizer({
    mode: 'enforce',
    registry,
    accountId: SCOPE.accountId,
    ownAccessKeyIds: new Set(['sandbox']),
    now: () => 0,
    print: () => undefined,
    queuePolicy: () => undefined,
  });
  const request = (target: string, body: unknown) => ({
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261207/us-east-1/x/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=${'0'.repeat(64)}`,
      'x-amz-target': target,
    },
    body: Buffer.from(JSON.stringify(body)),
  });
  const getItem = request('DynamoDB_20120810.GetItem', {
    TableName: 'items',
    Key: { pk: { S: 'k' } },
  });
  const send = request('AmazonSQS.SendMessage', {
    QueueUrl: 'http://127.0.0.1:4566/000000000000/work',
    MessageBody: 'ping',
  });
  const perCheck = (check: () => unknown) => {
    for (let i = 0; i < 2_000; i++) check();
    const started = performance.now();
    for (let i = 0; i < CHECKS; i++) check();
    return ((performance.now() - started) / CHECKS) * 1000;
  };
  const verdict =
    (needs: () => Parameters<IamAuthorizer['authorizeCall']>[1], headers: Record<string, string>) =>
    () => {
      const refusal = authorizer.authorizeCall(authorizer.identify(headers), needs());
      if (refusal) throw new Error(`the bench role was refused: ${refusal.message}`);
    };
  return {
    'DynamoDB GetItem': perCheck(
      verdict(() => dynamoDbPermissions(getItem, SCOPE), getItem.headers),
    ),
    'SQS SendMessage': perCheck(verdict(() => sqsPermissions(send, SCOPE), send.headers)),
  };
}

/** Clients of the same sandbox signed with its own key: never checked, DynamoDB streamed. */
function ownCaller(sandbox: Sandbox, like: Caller): Caller {
  const config = {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  };
  return {
    dynamodb: new DynamoDBClient(config),
    sqs: new SQSClient(config),
    table: like.table,
    queueUrl: like.queueUrl,
  };
}

export async function benchIam(scratch: string): Promise<void> {
  const alone = checkAlone();
  const cloudAssembly = synthesizeIamApp(join(scratch, 'iam.out'));
  // DynamoDB Local runs in a sandbox of its own, so that the two compared relay to it alike.
  const host = await startSandbox({ iam: 'off' });
  const dynamodb = host.dynamodb ? { dynamodb: { endpoint: host.dynamodb.upstreamEndpoint } } : {};
  const enforced = await startSandbox({ iam: 'enforce', ...dynamodb });
  const unchecked = await startSandbox({ iam: 'off', ...dynamodb });
  try {
    const enforce = await functionCaller(enforced, cloudAssembly);
    const callers = {
      enforce,
      off: await functionCaller(unchecked, cloudAssembly),
      own: ownCaller(enforced, enforce),
    };
    const rows: string[][] = [];
    for (const [name, request] of Object.entries(REQUESTS)) {
      for (const mode of MODES) {
        for (let i = 0; i < 50; i++) await request(callers[mode]); // warm-up
      }
      const all: Record<Mode, number[]> = { enforce: [], off: [], own: [] };
      const ratios: number[] = [];
      for (let index = 0; index < PASSES; index++) {
        const samples = await pass(callers, request);
        for (const mode of MODES) all[mode].push(...samples[mode]);
        ratios.push(median(samples.enforce) / median(samples.off));
      }
      const [checked, off, own] = [median(all.enforce), median(all.off), median(all.own)];
      const checkAloneUs = alone[name as keyof typeof REQUESTS];
      rows.push([
        name,
        ms(off),
        ms(checked),
        `${checked >= off ? '+' : '−'}${(Math.abs(checked - off) * 1000).toFixed(0)} µs`,
        ratio(checked / off),
        `${ratio(Math.min(...ratios))} – ${ratio(Math.max(...ratios))}`,
        ratio(checked / off / 1.05),
        `${ms(own)} (${ratio(checked / own)})`,
        `${checkAloneUs.toFixed(1)} µs (${((checkAloneUs / 1000 / off) * 100).toFixed(1)} % of off)`,
      ]);
    }
    const denied = enforced.iam.denials().length;
    table(
      `IAM evaluation per request: a function's credentials, a role of ${STATEMENTS} statements (the allowing one last), enforce vs iam: 'off'; ${PASSES} passes of ${REQUESTS_PER_PASS} requests per mode, the modes taking turns request by request`,
      [
        'request',
        "iam: 'off' (median request)",
        'enforce',
        'added per request',
        'enforce / off',
        'per-pass range (of medians)',
        'vs target 1.05×',
        'same sandbox, its own key (enforce / it)',
        `the check alone, in process (${CHECKS} times)`,
      ],
      rows,
      `Same AWS SDK v3 clients, signed with the deployed function's own credentials, one request at a time; the enforce and off sandboxes both relay to the DynamoDB Local of a third. "Its own key": the enforce sandbox's requests signed with sandbox.env's key, which are not checked (and DynamoDB's stream through); under enforce a function's DynamoDB request is read whole to find its table. The last column times the same check code by itself (SigV4 header, the service's mapping of the body, the evaluation), without HTTP. Denials during the run: ${denied}.`,
    );
  } finally {
    await unchecked.stop();
    await enforced.stop();
    await host.stop();
  }
}
