import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../src/index.js';
import { buildUserSystem } from './fixtures/user-system-app/user-system.js';
import { resourcesOfType, roleStatements, stringsIn } from './support/template.js';

/** Every acknowledgement recorded in the construct tree: `[path, rule id, reason]`. */
function acknowledgements(root: IConstruct): [string, string, string][] {
  return root.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) =>
          Object.entries(entry.data as Record<string, string>).map(
            ([id, reason]): [string, string, string] => [
              construct.node.path,
              id.replace(/^annotation::/i, ''),
              reason,
            ],
          ),
        ),
    );
}

describe('the user registration example (two tables, three handlers with dead-letter queues)', () => {
  let outdir: string;
  let app: Application;
  let assembly: CloudAssembly;
  let template: Template;

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'davinci-user-system-'));
    // Built-in CloudFormation validation stays on here: the templates must pass it.
    app = buildUserSystem({ outdir });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    assembly = app.synth();
    template = Template.fromStack(app.stack);
  });

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes one stack with every piece the example needs', () => {
    expect(assembly.stacks.map((stack) => stack.stackName)).toEqual(['user-system-dev']);
    const tableNames = Object.values(resourcesOfType(template, 'AWS::DynamoDB::Table')).map(
      (table) => table.Properties.TableName,
    );
    expect(tableNames.sort()).toEqual([
      'user-system-dev-davinci_idempotency',
      'user-system-dev-user_stats',
      'user-system-dev-users',
    ]);
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.resourceCountIs('AWS::Events::Archive', 1);
    template.resourceCountIs('AWS::Lambda::Function', 3);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 3);
    template.resourceCountIs('AWS::SQS::Queue', 6);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.resourceCountIs('AWS::SNS::Topic', 1);
  });

  it('keeps messages in each dead-letter queue longer than in its queue', () => {
    const queues = Object.values(resourcesOfType(template, 'AWS::SQS::Queue')).map(
      (queue) => queue.Properties,
    );
    const retentionOf = (suffix: string) =>
      queues
        .filter((queue) => String(queue.QueueName).endsWith(suffix))
        .map((queue) => queue.MessageRetentionPeriod);
    expect(retentionOf('-queue')).toEqual([345_600, 345_600, 345_600]);
    expect(retentionOf('-dlq')).toEqual([1_209_600, 1_209_600, 1_209_600]);
  });

  it('sends every dead-letter queue alarm to the application alarm topic', () => {
    const [topicId] = Object.keys(resourcesOfType(template, 'AWS::SNS::Topic'));
    const actions = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties.AlarmActions,
    );
    expect(actions).toEqual([[{ Ref: topicId }], [{ Ref: topicId }], [{ Ref: topicId }]]);
    template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId } });
  });

  it('subscribes user.created, user.activated and user.*', () => {
    const patterns = Object.values(resourcesOfType(template, 'AWS::Events::Rule')).map(
      (rule) => rule.Properties.EventPattern,
    );
    expect(patterns).toEqual([
      { 'detail-type': ['user.created'] },
      { 'detail-type': ['user.activated'] },
      { 'detail-type': [{ prefix: 'user.' }] },
    ]);
  });

  it('lets only the counting handlers write user_stats and the idempotency table', () => {
    const resourcesOf = (rolePrefix: string) =>
      JSON.stringify(roleStatements(template, rolePrefix).map((statement) => statement.Resource));
    for (const counting of ['HandleUserActivatedHandlerRole', 'HandleAnyUserEventHandlerRole']) {
      expect(resourcesOf(counting)).toMatch(/UserStatsTable/);
      expect(resourcesOf(counting)).toMatch(/DavinciIdempotencyTable/);
    }
    expect(resourcesOf('HandleUserCreatedHandlerRole')).not.toMatch(
      /UserStatsTable|UsersTable|DavinciIdempotencyTable/,
    );
  });

  it('passes the AwsSolutions checks with no violation', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(app);
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledges only the Node.js 22 runtime pin, with a written reason on each function', () => {
    const acknowledged = acknowledgements(app);
    expect(acknowledged.map(([, id]) => id)).toEqual([
      'AwsSolutions-L1',
      'AwsSolutions-L1',
      'AwsSolutions-L1',
    ]);
    for (const [path, , reason] of acknowledged) {
      expect(path).toMatch(/\/Handler\/Function$/);
      expect(reason.length).toBeGreaterThan(40);
    }
  });

  it('bundles each handler with its dependencies and a source map', () => {
    const [fn] = Object.values(resourcesOfType(template, 'AWS::Lambda::Function'));
    if (!fn) throw new Error('no function in the template');
    const key = (fn.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
    const bundle = readFileSync(join(outdir, `asset.${key}`, 'index.js'), 'utf8');
    // The event-bus runtime and the orm are inside; the AWS SDK is left to the Lambda runtime.
    expect(bundle).toContain('handleAnyUserEvent');
    expect(bundle).toContain('batchItemFailures');
    const map = JSON.parse(readFileSync(join(outdir, `asset.${key}`, 'index.js.map'), 'utf8'));
    const sources = stringsIn(map.sources);
    expect(sources.some((source) => source.includes('event-bus/'))).toBe(true);
    expect(sources.some((source) => source.includes('orm/'))).toBe(true);
    expect(sources.some((source) => source.includes('@aws-sdk/'))).toBe(false);
  });
});

describe('the AwsSolutions checks used above', () => {
  it('do flag what the application avoids (a control case)', () => {
    const app = new App();
    const stack = new Stack(app, 'Control');
    new Queue(stack, 'Plain', { encryption: QueueEncryption.UNENCRYPTED });
    new Table(stack, 'NoBackups', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((violation) => violation.ruleName).sort()).toEqual([
      'AwsSolutions-DDB3',
      'AwsSolutions-SQS2',
      'AwsSolutions-SQS3',
      'AwsSolutions-SQS4',
    ]);
  });
});
