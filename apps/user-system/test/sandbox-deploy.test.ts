import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { Application } from '@davinci/cdk';
import {
  acceleratedClock,
  type DeployResult,
  type Sandbox,
  startSandbox,
  waitFor,
} from '@davinci/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordUserEvent, SeenTable } from './fixtures/two-stack-app/handlers.js';

const ENTRY = fileURLToPath(new URL('./fixtures/two-stack-app/handlers.ts', import.meta.url));

/**
 * An application built with @davinci/cdk, in two stacks (`separateStacks`), so that the handlers
 * stack reaches the data stack's bus and table through exports; deployed as synthesized.
 */
let sandbox: Sandbox;
let root: string;
let deployed: DeployResult;

function clients() {
  const config = {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  };
  return { dynamodb: new DynamoDBClient(config), events: new EventBridgeClient(config) };
}

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  sandbox = await startSandbox({ clock: acceleratedClock(100) });
  root = mkdtempSync(join(tmpdir(), 'davinci-deploy-app-'));
  const app = new Application({
    appName: 'shop',
    deploymentId: 'test',
    enableEventBus: true,
    separateStacks: true,
    outdir: join(root, 'cdk.out'),
    builtinCloudFormationValidation: false,
  });
  app.addTable(SeenTable);
  app.addEventHandler({ entry: ENTRY, declaration: recordUserEvent });
  deployed = await sandbox.deploy(app.synth().directory);
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('an @davinci/cdk application deployed into the sandbox', () => {
  it('deploys the data stack, then the handlers stack that imports from it', () => {
    expect(deployed.stacks.map((stack) => stack.stackName)).toEqual([
      'shop-test-data',
      'shop-test-handlers',
    ]);
    expect(deployed.outputs['shop-test-data']).toMatchObject({
      EventBusName: 'shop-test-event-bus',
      SeenTableName: 'shop-test-seen',
    });
    const created = deployed.stacks.flatMap((stack) =>
      stack.resources.map((resource) => resource.type),
    );
    expect(new Set(created)).toEqual(
      new Set([
        'AWS::DynamoDB::Table',
        'AWS::Events::EventBus',
        'AWS::SQS::Queue',
        'AWS::SQS::QueuePolicy',
        'AWS::Events::Rule',
        'AWS::Lambda::Function',
        'AWS::Lambda::EventSourceMapping',
      ]),
    );
    expect(sandbox.lambda.functionNames()).toEqual(['shop-test-record-user-event']);
  });

  it('runs the declared handler for a matching event, which writes its table', async () => {
    await clients().events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'shop-test-event-bus',
            Source: 'shop',
            DetailType: 'user.created',
            Detail: JSON.stringify({ id: 'u1' }),
          },
        ],
      }),
    );
    const item = await waitFor(
      async () => {
        const { Item } = await clients().dynamodb.send(
          new GetItemCommand({ TableName: 'shop-test-seen', Key: { id: { S: 'u1' } } }),
        );
        return Item;
      },
      { timeout: 20_000 },
    );
    expect(item).toEqual({ id: { S: 'u1' }, type: { S: 'user.created' } });
    // The write lands before the handler prints and returns: wait for the invocation's END.
    await waitFor(async () =>
      sandbox.lambda
        .logs('shop-test-record-user-event')
        .some((entry) => entry.line.startsWith('END '))
        ? true
        : undefined,
    );
    const printed = sandbox.lambda.logs('shop-test-record-user-event').map((entry) => entry.line);
    expect(printed).toContain('recorded user.created for u1');
  });
});
