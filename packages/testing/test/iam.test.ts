import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { CfnRule, EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnEventSourceMapping, type CfnFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox, waitFor } from '../src/index.js';
import { receiveMessages, sdkClients } from './support/clients.js';

const ENTRY = fileURLToPath(new URL('./fixtures/functions/iam-handlers.ts', import.meta.url));
const ACCOUNT = '000000000000';
const TABLE_ARN = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/iam-notes`;
const BUS = 'iam-bus';
const ruleArn = (name: string) => `arn:aws:events:us-east-1:${ACCOUNT}:rule/${BUS}/${name}`;

/**
 * An app written with aws-cdk-lib: functions whose grants are under test (with `granted`, the
 * writer may write its table and the poller read its queue), rules written as L1 resources so
 * that no queue policy or Lambda permission is added for them unless the test says so.
 */
function synthesize(dir: string, granted: boolean): string {
  const app = new App({ outdir: dir });
  const stack = new Stack(app, 'iam-checks', { stackName: 'iam-checks' });
  const table = new Table(stack, 'Notes', {
    tableName: 'iam-notes',
    partitionKey: { name: 'id', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const common = { entry: ENTRY, runtime: Runtime.NODEJS_22_X, bundling: { minify: false } };
  const writer = new NodejsFunction(stack, 'Writer', {
    ...common,
    functionName: 'iam-writer',
    handler: 'writeNote',
    environment: { TABLE_NAME: table.tableName },
  });
  if (granted) table.grantWriteData(writer);

  const outbox = new Queue(stack, 'Outbox', { queueName: 'iam-outbox' });
  const sender = new NodejsFunction(stack, 'Sender', {
    ...common,
    functionName: 'iam-sender',
    handler: 'sendNote',
    environment: { QUEUE_URL: outbox.queueUrl },
  });
  // With `granted`, the queue's own policy lets the sender's role send (its role's policies do not).
  if (granted && sender.role) {
    outbox.addToResourcePolicy(
      new PolicyStatement({
        principals: [sender.role],
        actions: ['sqs:SendMessage'],
        resources: [outbox.queueArn],
      }),
    );
  }

  const bus = new EventBus(stack, 'Bus', { eventBusName: BUS });
  // A rule onto a queue without a queue policy, whose dead-letter queue does allow the rule.
  const unpolicied = new Queue(stack, 'Unpolicied', { queueName: 'iam-unpolicied' });
  const ruleDlq = new Queue(stack, 'RuleDlq', { queueName: 'iam-rule-dlq' });
  const toUnpolicied = new CfnRule(stack, 'ToUnpolicied', {
    name: 'to-unpolicied',
    eventBusName: bus.eventBusName,
    eventPattern: { 'detail-type': ['note.unpolicied'] },
    targets: [
      { id: 'queue', arn: unpolicied.queueArn, deadLetterConfig: { arn: ruleDlq.queueArn } },
    ],
  });
  ruleDlq.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal('events.amazonaws.com')],
      actions: ['sqs:SendMessage'],
      resources: [ruleDlq.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': toUnpolicied.attrArn } },
    }),
  );
  // A queue whose policy lets another rule send, not the one that targets it.
  const scoped = new Queue(stack, 'Scoped', { queueName: 'iam-scoped' });
  new CfnRule(stack, 'ToScoped', {
    name: 'to-scoped',
    eventBusName: bus.eventBusName,
    eventPattern: { 'detail-type': ['note.scoped'] },
    targets: [{ id: 'queue', arn: scoped.queueArn }],
  });
  scoped.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal('events.amazonaws.com')],
      actions: ['sqs:SendMessage'],
      resources: [scoped.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': ruleArn('another-rule') } },
    }),
  );
  // A rule onto a function that has no AWS::Lambda::Permission for it.
  const target = new NodejsFunction(stack, 'Target', {
    ...common,
    functionName: 'iam-target',
    handler: 'idle',
  });
  new CfnRule(stack, 'ToFunction', {
    name: 'to-function',
    eventBusName: bus.eventBusName,
    eventPattern: { 'detail-type': ['note.function'] },
    targets: [{ id: 'function', arn: target.functionArn }],
  });
  // An event source mapping whose function may (with `granted`) or may not read its queue.
  const polled = new Queue(stack, 'Polled', {
    queueName: 'iam-polled',
    visibilityTimeout: Duration.seconds(30),
  });
  const poller = new NodejsFunction(stack, 'Poller', {
    ...common,
    functionName: 'iam-poller',
    handler: 'idle',
  });
  new CfnEventSourceMapping(stack, 'PollerMapping', {
    functionName: poller.functionName,
    eventSourceArn: polled.queueArn,
    batchSize: 10,
  });
  if (granted) polled.grantConsumeMessages(poller);
  // A function whose asynchronous failures go to a dead-letter queue its role may (with
  // `granted`) or may not send to; written as the L1 property, so no grant comes with it.
  const failing = new NodejsFunction(stack, 'Failing', {
    ...common,
    functionName: 'iam-failing',
    handler: 'fail',
    retryAttempts: 0,
  });
  const failedEvents = new Queue(stack, 'FailedEvents', { queueName: 'iam-failed-events' });
  (failing.node.defaultChild as CfnFunction).deadLetterConfig = {
    targetArn: failedEvents.queueArn,
  };
  if (granted) failedEvents.grantSendMessages(failing);
  return app.synth().directory;
}

let sandbox: Sandbox;
let root: string;
const printed: string[] = [];
const warn = console.warn;

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  sandbox = await startSandbox({
    onDeliveryFailure: () => undefined,
    onAsyncInvocationFailure: () => undefined,
  });
  root = mkdtempSync(join(tmpdir(), 'davinci-iam-'));
  console.warn = (line: string) => {
    if (String(line).includes('IAM')) printed.push(line);
    else warn(line);
  };
  await sandbox.deploy(synthesize(join(root, 'v1'), false));
}, 120_000);

afterAll(async () => {
  console.warn = warn;
  await sandbox?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The ids in the writer's table, read with the sandbox's own key. */
async function noteIds(): Promise<string[]> {
  const { Items = [] } = await sdkClients(sandbox).dynamodb.send(
    new ScanCommand({ TableName: 'iam-notes' }),
  );
  return Items.map((item) => item.id?.S ?? '').sort();
}

async function publish(detailType: string): Promise<void> {
  const { FailedEntryCount } = await sdkClients(sandbox).events.send(
    new PutEventsCommand({
      Entries: [{ EventBusName: BUS, Source: 'notes', DetailType: detailType, Detail: '{}' }],
    }),
  );
  expect(FailedEntryCount).toBe(0);
  await sandbox.events.drain();
}

describe('IAM in enforce mode', () => {
  it("denies a function's call its role does not allow, with AWS's error and message", async () => {
    const result = await sandbox.lambda.invoke('iam-writer', { id: 'n1' });
    expect(result).toMatchObject({ ok: true });
    const answer = (result as { result: Record<string, unknown> }).result;
    expect(answer.ok).toBe(false);
    expect(answer.name).toBe('AccessDeniedException');
    expect(answer.status).toBe(400);
    expect(answer.message).toMatch(
      new RegExp(
        `^User: arn:aws:sts::${ACCOUNT}:assumed-role/iam-checks-WriterServiceRole[A-Za-z0-9-]+/iam-writer is not authorized to perform: dynamodb:PutItem on resource: ${TABLE_ARN} because no identity-based policy allows the dynamodb:PutItem action$`,
      ),
    );
    const denial = sandbox.iam.denials().find((entry) => entry.functionName === 'iam-writer');
    expect(denial).toMatchObject({
      kind: 'identity',
      action: 'dynamodb:PutItem',
      resource: TABLE_ARN,
      reason: 'implicitDeny',
      fix: `allow dynamodb:PutItem on ${TABLE_ARN}`,
      enforced: true,
    });
    expect(denial?.roleArn).toMatch(
      /^arn:aws:iam::000000000000:role\/iam-checks-WriterServiceRole/,
    );
    // Its headers went ahead to DynamoDB Local while it was checked; its body never did.
    expect(await noteIds()).toEqual([]);
  });

  it('prints each denial once, with the function and the grant that fixes it', async () => {
    await sandbox.lambda.invoke('iam-writer', { id: 'n2' });
    const lines = printed.filter((line) => line.includes('iam-writer'));
    expect(lines).toEqual([
      `[sandbox] IAM denied iam-writer: dynamodb:PutItem on ${TABLE_ARN}; fix: allow dynamodb:PutItem on ${TABLE_ARN}`,
    ]);
  });

  it("answers SQS's AccessDenied to a function that may not send to a queue", async () => {
    const result = await sandbox.lambda.invoke('iam-sender', { body: 'hello' });
    const answer = (result as { result: Record<string, unknown> }).result;
    expect(answer).toMatchObject({ ok: false, name: 'AccessDenied', status: 403 });
    expect(answer.message).toContain(
      `is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:${ACCOUNT}:iam-outbox`,
    );
  });

  it('delivers nothing to a queue whose policy does not allow the rule, and records why', async () => {
    await publish('note.unpolicied');
    const failure = sandbox.events
      .deliveryFailures()
      .find((entry) => entry.ruleArn === ruleArn('to-unpolicied'));
    expect(failure).toMatchObject({
      code: 'NO_PERMISSIONS',
      targetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:iam-unpolicied`,
      deadLetteredTo: `arn:aws:sqs:us-east-1:${ACCOUNT}:iam-rule-dlq`,
    });
    const { sqs } = sdkClients(sandbox);
    const url = (name: string) => `${sandbox.endpoint}/${ACCOUNT}/${name}`;
    expect(await receiveMessages(sqs, url('iam-unpolicied'), 1, 1_500)).toEqual([]);
    expect(await receiveMessages(sqs, url('iam-rule-dlq'), 1)).toHaveLength(1);
    expect(sandbox.iam.denials()).toContainEqual(
      expect.objectContaining({
        kind: 'resource',
        principal: 'events.amazonaws.com',
        action: 'sqs:SendMessage',
        resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:iam-unpolicied`,
        sourceArn: ruleArn('to-unpolicied'),
      }),
    );
  });

  it("denies a delivery when the queue policy is scoped to another rule's aws:SourceArn", async () => {
    await publish('note.scoped');
    expect(
      sandbox.events.deliveryFailures().find((entry) => entry.ruleArn === ruleArn('to-scoped')),
    ).toMatchObject({
      code: 'NO_PERMISSIONS',
      message: `events.amazonaws.com is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:${ACCOUNT}:iam-scoped because no resource-based policy allows it for ${ruleArn('to-scoped')}`,
    });
  });

  it('does not invoke a function target without a Lambda permission for the rule', async () => {
    await publish('note.function');
    expect(
      sandbox.events.deliveryFailures().find((entry) => entry.ruleArn === ruleArn('to-function')),
    ).toMatchObject({ code: 'NO_PERMISSIONS' });
    expect(sandbox.lambda.logs('iam-target')).toEqual([]);
  });

  it("reports a mapping whose function's role may not poll the queue, and does not poll", async () => {
    const line = await waitFor(() =>
      sandbox.lambda.logs('iam-poller').find((entry) => entry.line.includes('PROBLEM')),
    );
    expect(line.line).toBe(
      `event source mapping arn:aws:sqs:us-east-1:${ACCOUNT}:iam-polled: PROBLEM: The provided execution role does not have permissions to call ReceiveMessage on SQS`,
    );
    expect(sandbox.iam.denials()).toContainEqual(
      expect.objectContaining({
        kind: 'mapping',
        functionName: 'iam-poller',
        action: 'sqs:ReceiveMessage',
        resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:iam-polled`,
      }),
    );
  });

  it('does not send a failed asynchronous event to a dead-letter queue the role may not send to', async () => {
    sandbox.lambda.invokeAsync('iam-failing', { n: 1 });
    await sandbox.lambda.drainAsync();
    const failure = sandbox.lambda
      .asyncFailures()
      .find((entry) => entry.functionName === 'iam-failing');
    expect(failure).toMatchObject({ errorMessage: 'refused', sentTo: [] });
    expect(sandbox.iam.denials()).toContainEqual(
      expect.objectContaining({
        functionName: 'iam-failing',
        action: 'sqs:SendMessage',
        resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:iam-failed-events`,
      }),
    );
  });

  it("answers UnrecognizedClientException to credentials that are neither the sandbox's nor a function's", async () => {
    const stranger = { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'x' };
    const config = { endpoint: sandbox.endpoint, region: sandbox.region, credentials: stranger };
    await expect(new DynamoDBClient(config).send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
    await expect(new SQSClient(config).send(new ListQueuesCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
  });

  it("does not restrict the sandbox's own credentials, sandbox.env's and test", async () => {
    const config = {
      endpoint: sandbox.endpoint,
      region: sandbox.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    const { TableNames } = await new DynamoDBClient(config).send(new ListTablesCommand({}));
    expect(TableNames).toContain('iam-notes');
    const { QueueUrls } = await sdkClients(sandbox).sqs.send(new ListQueuesCommand({}));
    expect(QueueUrls).toContain(`${sandbox.endpoint}/${ACCOUNT}/iam-outbox`);
  });

  it('lets the same calls through after a redeploy that grants them', async () => {
    await sandbox.deploy(synthesize(join(root, 'v2'), true));
    const result = await sandbox.lambda.invoke('iam-writer', { id: 'n3' });
    expect((result as { result: unknown }).result).toEqual({ ok: true });
    expect(await noteIds()).toEqual(['n3']);
    sandbox.lambda.invokeAsync('iam-failing', { n: 2 });
    await sandbox.lambda.drainAsync();
    expect(sandbox.lambda.asyncFailures().at(-1)).toMatchObject({
      functionName: 'iam-failing',
      sentTo: [`arn:aws:sqs:us-east-1:${ACCOUNT}:iam-failed-events`],
    });
    // Allowed by the queue's policy alone, as a same-account resource policy naming the role is.
    const sent = await sandbox.lambda.invoke('iam-sender', { body: 'allowed' });
    expect((sent as { result: unknown }).result).toEqual({ ok: true });
    const { sqs } = sdkClients(sandbox);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: `${sandbox.endpoint}/${ACCOUNT}/iam-polled`,
        MessageBody: 'polled now',
      }),
    );
    // The mapping polls again: the message is taken and deleted after the function ran.
    await waitFor(
      () =>
        sandbox.lambda.logs('iam-poller').some((entry) => entry.line.startsWith('END '))
          ? true
          : undefined,
      { timeout: 10_000 },
    );
  });
});
