import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  GetQueueAttributesCommand,
  ListQueuesCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import {
  App,
  CfnCondition,
  CfnOutput,
  CfnParameter,
  CfnResource,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
} from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Match, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DeliveryFailure,
  type Sandbox,
  startSandbox,
  TemplateError,
  UnsupportedResourceTypeError,
} from '../src/index.js';
import { receiveMessages, sdkClients } from './support/clients.js';

/**
 * A small app written with aws-cdk-lib directly, synthesized to a cloud assembly and deployed
 * into the sandbox: a data stack (table, bus) and a handlers stack (a rule on `user.*` → a queue
 * with a dead-letter queue) that imports the bus through a cross-stack export.
 */
interface AppShape {
  visibilitySeconds: number;
  extra?: (stack: Stack) => void;
}

function synthesize(dir: string, shape: AppShape): string {
  const app = new App({ outdir: dir });
  const data = new Stack(app, 'shop-data', { stackName: 'shop-data' });
  const table = new Table(data, 'Orders', {
    tableName: 'shop-orders',
    partitionKey: { name: 'order_id', type: AttributeType.STRING },
    sortKey: { name: 'created_at', type: AttributeType.NUMBER },
    billingMode: BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: 'expires_at',
    removalPolicy: RemovalPolicy.DESTROY,
  });
  table.addGlobalSecondaryIndex({
    indexName: 'by-customer',
    partitionKey: { name: 'customer_id', type: AttributeType.STRING },
  });
  const bus = new EventBus(data, 'Bus', { eventBusName: 'shop-bus' });
  new Role(data, 'ReaderRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });

  const handlers = new Stack(app, 'shop-handlers', { stackName: 'shop-handlers' });
  const deadLetters = new Queue(handlers, 'DeadLetters', { retentionPeriod: Duration.days(14) });
  const queue = new Queue(handlers, 'Work', {
    visibilityTimeout: Duration.seconds(shape.visibilitySeconds),
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: 3 },
  });
  // The rule lives in the handlers stack and names the data stack's bus: an export and an import.
  new Rule(handlers, 'UserEvents', {
    eventBus: bus,
    eventPattern: { detailType: Match.prefix('user.') },
    targets: [new SqsQueue(queue, { deadLetterQueue: deadLetters })],
  });
  const isDev = new CfnCondition(handlers, 'IsDev', {
    expression: Fn.conditionEquals(handlers.stackName, 'shop-handlers'),
  });
  new CfnOutput(handlers, 'WorkQueueUrl', { value: queue.queueUrl });
  new CfnOutput(handlers, 'Mode', {
    value: Fn.conditionIf(isDev.logicalId, 'dev', 'prod').toString(),
  });
  new CfnOutput(handlers, 'TableArn', { value: table.tableArn });
  shape.extra?.(handlers);
  return app.synth().directory;
}

let sandbox: Sandbox;
const deliveryFailures: DeliveryFailure[] = [];
let root: string;

beforeAll(async () => {
  sandbox = await startSandbox({ onDeliveryFailure: (failure) => deliveryFailures.push(failure) });
  root = mkdtempSync(join(tmpdir(), 'davinci-deploy-'));
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('sandbox.deploy', () => {
  let workQueueUrl: string;

  it('deploys both stacks in dependency order and reports their outputs', async () => {
    const result = await sandbox.deploy(synthesize(join(root, 'v1'), { visibilitySeconds: 30 }));
    expect(result.stacks.map((stack) => stack.stackName)).toEqual(['shop-data', 'shop-handlers']);
    workQueueUrl = result.outputs['shop-handlers']?.WorkQueueUrl as string;
    expect(workQueueUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/000000000000\/shop-handlers-Work/);
    expect(result.outputs['shop-handlers']).toMatchObject({
      Mode: 'dev',
      TableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/shop-orders',
    });
    expect(result.stacks[0]?.resources.map((resource) => resource.type)).toEqual([
      'AWS::DynamoDB::Table',
      'AWS::Events::EventBus',
    ]);
    expect(result.skipped).toEqual([
      {
        stackName: 'shop-data',
        logicalId: expect.stringMatching(/^ReaderRole[0-9A-F]{8}$/),
        type: 'AWS::IAM::Role',
        physicalId: expect.stringMatching(/^shop-data-ReaderRole[0-9A-F]{8}-[0-9A-Z]{12}$/),
      },
    ]);
    expect(result.summary).toBe(
      'deployed 2 stack(s): 7 resource(s) created (DynamoDB::Table ×1, Events::EventBus ×1, SQS::Queue ×2, Events::Rule ×1, SQS::QueuePolicy ×2), 1 recorded without a local effect (IAM::Role ×1)',
    );
  });

  it('creates the table with its keys, index and TTL', async () => {
    const { dynamodb } = sdkClients(sandbox);
    const { Table: table } = await dynamodb.send(
      new DescribeTableCommand({ TableName: 'shop-orders' }),
    );
    expect(table?.KeySchema).toEqual([
      { AttributeName: 'order_id', KeyType: 'HASH' },
      { AttributeName: 'created_at', KeyType: 'RANGE' },
    ]);
    expect(table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['by-customer']);
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'shop-orders' }));
    expect(ttl.TimeToLiveDescription).toEqual({
      AttributeName: 'expires_at',
      TimeToLiveStatus: 'ENABLED',
    });
  });

  it('routes an event published with the SDK through the rule to the queue', async () => {
    const { events, sqs } = sdkClients(sandbox);
    const { FailedEntryCount } = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'shop-bus',
            Source: 'shop',
            DetailType: 'user.created',
            Detail: '{"id":"u1"}',
          },
          {
            EventBusName: 'shop-bus',
            Source: 'shop',
            DetailType: 'order.placed',
            Detail: '{"id":"o1"}',
          },
        ],
      }),
    );
    expect(FailedEntryCount).toBe(0);
    await sandbox.events.drain();
    const messages = await receiveMessages(sqs, workQueueUrl, 1, 5_000, { delete: true });
    expect(messages.map((message) => JSON.parse(message.Body ?? '{}')['detail-type'])).toEqual([
      'user.created',
    ]);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: workQueueUrl, AttributeNames: ['All'] }),
    );
    expect(Attributes?.VisibilityTimeout).toBe('30');
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toMatchObject({ maxReceiveCount: 3 });
    expect(JSON.parse(Attributes?.Policy ?? '{}').Statement[0]).toMatchObject({
      Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
      Principal: { Service: 'events.amazonaws.com' },
    });
  });

  it('updates in place on a second deploy: same queue, new attributes, messages kept', async () => {
    const { sqs } = sdkClients(sandbox);
    await sqs.send(new SendMessageCommand({ QueueUrl: workQueueUrl, MessageBody: 'kept' }));
    const result = await sandbox.deploy(synthesize(join(root, 'v2'), { visibilitySeconds: 90 }));
    expect(result.outputs['shop-handlers']?.WorkQueueUrl).toBe(workQueueUrl);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: workQueueUrl,
        AttributeNames: ['VisibilityTimeout', 'ApproximateNumberOfMessages'],
      }),
    );
    expect(Attributes).toEqual({ VisibilityTimeout: '90', ApproximateNumberOfMessages: '1' });
  });

  it('fails on an unknown resource type, naming it, and creates nothing of that stack', async () => {
    const dir = synthesize(join(root, 'v3'), {
      visibilitySeconds: 90,
      extra: (stack) => {
        new Queue(stack, 'NewQueue', { queueName: 'shop-never-created' });
        new CfnResource(stack, 'Gadget', { type: 'Custom::Gadget', properties: { Size: 1 } });
      },
    });
    const attempt = sandbox.deploy(dir, { stacks: ['shop-handlers'] });
    await expect(attempt).rejects.toThrow(UnsupportedResourceTypeError);
    await expect(attempt).rejects.toThrow(
      'stack shop-handlers: resource Gadget has the type Custom::Gadget, which the sandbox does not support; nothing of the stack was created',
    );
    const { sqs } = sdkClients(sandbox);
    const { QueueUrls = [] } = await sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: 'shop-never' }),
    );
    expect(QueueUrls).toEqual([]);
  });

  it('fails on an import that names no export, and removes what the stack had created', async () => {
    const app = new App({ outdir: join(root, 'v4') });
    const stack = new Stack(app, 'lonely', { stackName: 'lonely' });
    new Queue(stack, 'First', { queueName: 'lonely-first' });
    new Queue(stack, 'Second', {
      queueName: Fn.join('-', ['lonely', Fn.importValue('nobody-exports-this')]),
    });
    const attempt = sandbox.deploy(app.synth().directory);
    await expect(attempt).rejects.toThrow(TemplateError);
    await expect(attempt).rejects.toThrow(
      /^Resources\.Second[0-9A-F]{8}\.Properties\.QueueName\.Fn::Join\[1\]\[1\]\.Fn::ImportValue: no deployed stack exports "nobody-exports-this"$/,
    );
    // The queue made before the failure was removed again.
    const { sqs } = sdkClients(sandbox);
    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'lonely' }));
    expect(QueueUrls).toEqual([]);
  });

  it('takes parameter defaults and creates only the resources whose condition holds', async () => {
    const app = new App({ outdir: join(root, 'v5') });
    const stack = new Stack(app, 'conditional', { stackName: 'conditional' });
    const stage = new CfnParameter(stack, 'Stage', { type: 'String', default: 'dev' });
    const isProd = new CfnCondition(stack, 'IsProd', {
      expression: Fn.conditionEquals(stage.valueAsString, 'prod'),
    });
    const onlyInProd = new Queue(stack, 'OnlyInProd', { queueName: 'conditional-prod' });
    (onlyInProd.node.defaultChild as CfnResource).cfnOptions.condition = isProd;
    new Queue(stack, 'Always', {
      queueName: Fn.join('-', ['conditional', stage.valueAsString]),
    });
    const result = await sandbox.deploy(app.synth().directory);
    expect(result.stacks[0]?.resources.map((resource) => resource.physicalId)).toEqual([
      expect.stringMatching(/\/000000000000\/conditional-dev$/),
    ]);
    await sandbox.destroy('conditional');
  });

  it('destroys a stack: its queues and rule are gone, the other stack stays', async () => {
    // The handlers stack imports the bus from the data stack, which must therefore stay.
    await expect(sandbox.destroy('shop-data')).rejects.toThrow(
      /^stack shop-data cannot be destroyed: its export shop-data:ExportsOutput\S+ is imported by stack shop-handlers; destroy shop-handlers first$/,
    );
    await sandbox.destroy('shop-handlers');
    const { sqs, dynamodb } = sdkClients(sandbox);
    const { QueueUrls = [] } = await sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: 'shop-handlers' }),
    );
    expect(QueueUrls).toEqual([]);
    const { Table: table } = await dynamodb.send(
      new DescribeTableCommand({ TableName: 'shop-orders' }),
    );
    expect(table?.TableStatus).toBe('ACTIVE');
    await expect(sandbox.destroy('shop-handlers')).rejects.toThrow(
      'cloud assembly the sandbox: no deployed stack "shop-handlers"; deployed: shop-data',
    );
  });
});
