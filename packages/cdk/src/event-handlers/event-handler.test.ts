import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserTable } from '../../test/support/definitions.js';
import { HANDLERS_ENTRY } from '../../test/support/fixtures.js';
import { buildHandlersApp } from '../../test/support/handlers-app.js';
import {
  type PolicyStatement,
  refTarget,
  resourceNamed,
  resourcesOfType,
} from '../../test/support/template.js';
import { Application } from '../application/application.js';
import { InvalidOptionError } from '../errors.js';
import type { AddEventHandlerOptions } from './event-handler-options.js';

// CloudFormation schema validation loads its schemas cold in each test worker and took seconds per
// synthesis here; test/user-system-app.test.ts keeps it on for the templates it must pass.
const withoutSchemaValidation = { builtinCloudFormationValidation: false } as const;

describe('event handlers: rule → queue (→ dead-letter queue) → function', () => {
  let app: Application;
  let template: Template;
  const id = (prefix: string, type: string) => resourceNamed(template, type, prefix)[0];

  beforeAll(() => {
    app = buildHandlersApp();
    template = Template.fromStack(app.stack);
  });

  describe('rules', () => {
    it('subscribe exact event types on the application bus and target the queue with a dead-letter queue', () => {
      const [, rule] = resourceNamed(template, 'AWS::Events::Rule', 'HandleUserCreatedRule');
      expect(rule.Properties).toMatchObject({
        Name: 'user-system-dev-handle-user-created-rule',
        State: 'ENABLED',
        EventBusName: { Ref: id('EventBus', 'AWS::Events::EventBus') },
        EventPattern: { 'detail-type': ['user.created'] },
      });
      expect(rule.Properties.Targets).toEqual([
        {
          Id: 'Target0',
          Arn: { 'Fn::GetAtt': [id('HandleUserCreatedQueue', 'AWS::SQS::Queue'), 'Arn'] },
          DeadLetterConfig: {
            Arn: {
              'Fn::GetAtt': [id('HandleUserCreatedDeadLetterQueue', 'AWS::SQS::Queue'), 'Arn'],
            },
          },
        },
      ]);
    });

    it('turn a wildcard subscription into a prefix filter', () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        Name: 'user-system-dev-handle-any-user-event-rule',
        EventPattern: { 'detail-type': [{ prefix: 'user.' }] },
      });
    });

    it('match any of several event types, without a rule dead-letter queue when the handler has none', () => {
      const [, rule] = resourceNamed(template, 'AWS::Events::Rule', 'AuditRule');
      expect(rule.Properties.EventPattern).toEqual({
        'detail-type': ['user.created', 'user.activated'],
      });
      expect(rule.Properties.Targets).toEqual([
        { Id: 'Target0', Arn: { 'Fn::GetAtt': [id('AuditQueue', 'AWS::SQS::Queue'), 'Arn'] } },
      ]);
    });

    it('deploy a full pattern as given', () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        Name: 'user-system-dev-big-invoices-rule',
        EventPattern: {
          source: ['billing'],
          'detail-type': ['invoice.paid'],
          detail: { amount: [{ numeric: ['>', 100] }] },
        },
      });
      expect(app.eventHandlers.get('big-invoices')?.eventPattern).toEqual({
        source: ['billing'],
        'detail-type': ['invoice.paid'],
        detail: { amount: [{ numeric: ['>', 100] }] },
      });
    });

    it('exist once per event handler and never for plain functions', () => {
      expect(Object.keys(resourcesOfType(template, 'AWS::Events::Rule'))).toHaveLength(4);
    });
  });

  describe('queues', () => {
    it('are encrypted, redrive to the dead-letter queue after maxReceiveCount and hide messages for 6× the timeout', () => {
      const [, queue] = resourceNamed(template, 'AWS::SQS::Queue', 'HandleUserCreatedQueue');
      expect(queue.Properties).toEqual({
        Tags: expect.any(Array),
        QueueName: 'user-system-dev-handle-user-created-queue',
        SqsManagedSseEnabled: true,
        VisibilityTimeout: 180,
        MessageRetentionPeriod: 4 * 86_400,
        RedrivePolicy: {
          deadLetterTargetArn: {
            'Fn::GetAtt': [id('HandleUserCreatedDeadLetterQueue', 'AWS::SQS::Queue'), 'Arn'],
          },
          maxReceiveCount: 3,
        },
      });
    });

    it('add the batching window to the visibility timeout and honour maxReceiveCount', () => {
      const [, queue] = resourceNamed(template, 'AWS::SQS::Queue', 'HandleAnyUserEventQueue');
      expect(queue.Properties).toMatchObject({
        VisibilityTimeout: 6 * 10 + 5,
        MessageRetentionPeriod: 2 * 86_400,
        RedrivePolicy: { maxReceiveCount: 5 },
      });
    });

    it('have no redrive policy when the handler opts out of the dead-letter queue', () => {
      const [, queue] = resourceNamed(template, 'AWS::SQS::Queue', 'AuditQueue');
      expect(queue.Properties).not.toHaveProperty('RedrivePolicy');
      expect(
        Object.keys(resourcesOfType(template, 'AWS::SQS::Queue')).filter((key) =>
          key.startsWith('AuditDeadLetterQueue'),
        ),
      ).toEqual([]);
    });

    it('accept messages only from their own rule, over TLS', () => {
      for (const prefix of ['HandleUserCreated', 'HandleAnyUserEvent', 'Audit', 'BigInvoices']) {
        const queueId = id(`${prefix}Queue`, 'AWS::SQS::Queue');
        const [, policy] = resourceNamed(template, 'AWS::SQS::QueuePolicy', `${prefix}QueuePolicy`);
        const statements = (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] })
          .Statement;
        expect(policy.Properties.Queues).toEqual([{ Ref: queueId }]);
        expect(statements).toEqual([
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sqs:*',
            Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
            Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
            Condition: {
              ArnEquals: {
                'aws:SourceArn': {
                  'Fn::GetAtt': [id(`${prefix}Rule`, 'AWS::Events::Rule'), 'Arn'],
                },
              },
            },
          },
        ]);
      }
    });
  });

  describe('dead-letter queues', () => {
    it('keep messages 14 days by default, encrypted', () => {
      const [, dlq] = resourceNamed(
        template,
        'AWS::SQS::Queue',
        'HandleUserCreatedDeadLetterQueue',
      );
      expect(dlq.Properties).toEqual({
        Tags: expect.any(Array),
        QueueName: 'user-system-dev-handle-user-created-dlq',
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 1_209_600,
      });
      const [, custom] = resourceNamed(
        template,
        'AWS::SQS::Queue',
        'HandleAnyUserEventDeadLetterQueue',
      );
      expect(custom.Properties.MessageRetentionPeriod).toBe(7 * 86_400);
    });

    it('take undeliverable events from their own rule only, over TLS', () => {
      const dlqId = id('HandleUserCreatedDeadLetterQueue', 'AWS::SQS::Queue');
      const [, policy] = resourceNamed(
        template,
        'AWS::SQS::QueuePolicy',
        'HandleUserCreatedDeadLetterQueuePolicy',
      );
      const statements = (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] })
        .Statement;
      expect(statements).toHaveLength(2);
      expect(statements[0]).toMatchObject({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
      expect(statements[1]).toMatchObject({
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': [dlqId, 'Arn'] },
        Condition: {
          ArnEquals: {
            'aws:SourceArn': {
              'Fn::GetAtt': [id('HandleUserCreatedRule', 'AWS::Events::Rule'), 'Arn'],
            },
          },
        },
      });
    });

    it('each raise an alarm as soon as one message is visible, notifying the alarm topic', () => {
      const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm'));
      expect(alarms).toHaveLength(3);
      const topicRef = { Ref: id('AlarmTopic', 'AWS::SNS::Topic') };
      for (const each of alarms) expect(each.Properties.AlarmActions).toEqual([topicRef]);
      const [, alarm] = resourceNamed(
        template,
        'AWS::CloudWatch::Alarm',
        'HandleUserCreatedDeadLetterAlarm',
      );
      expect(alarm.Properties).toMatchObject({
        AlarmName: 'user-system-dev-handle-user-created-dlq-not-empty',
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          {
            Name: 'QueueName',
            Value: {
              'Fn::GetAtt': [
                id('HandleUserCreatedDeadLetterQueue', 'AWS::SQS::Queue'),
                'QueueName',
              ],
            },
          },
        ],
        Statistic: 'Maximum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [topicRef],
      });
      expect(app.eventHandlers.get('handle-user-created')?.deadLetterAlarm).toBeDefined();
      expect(app.eventHandlers.get('audit')?.deadLetterAlarm).toBeUndefined();
    });
  });

  describe('the alarm topic', () => {
    it('is created once per application, encrypted with a rotated key of its own', () => {
      const [, topic] = resourceNamed(template, 'AWS::SNS::Topic', 'AlarmTopic');
      expect(topic.Properties).toMatchObject({
        TopicName: 'user-system-dev-alarms',
        KmsMasterKeyId: { 'Fn::GetAtt': [id('AlarmTopicKey', 'AWS::KMS::Key'), 'Arn'] },
      });
      template.resourceCountIs('AWS::SNS::Topic', 1);
      template.resourceCountIs('AWS::KMS::Key', 1);
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      expect(app.alarmTopic).toBeInstanceOf(Topic);
    });

    it('takes messages over TLS only, and from CloudWatch only for the application alarms', () => {
      const topicId = id('AlarmTopic', 'AWS::SNS::Topic');
      const [, policy] = resourceNamed(template, 'AWS::SNS::TopicPolicy', 'AlarmTopicPolicy');
      expect(policy.Properties.Topics).toEqual([{ Ref: topicId }]);
      const statements = (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] })
        .Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'sns:Publish',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
      const allows = statements.filter((statement) => statement.Effect === 'Allow');
      expect(allows).toEqual([
        {
          Sid: 'CloudWatchAlarmsPublish',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: { Ref: topicId },
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnLike: {
              'aws:SourceArn': {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    ':cloudwatch:',
                    { Ref: 'AWS::Region' },
                    ':',
                    { Ref: 'AWS::AccountId' },
                    ':alarm:user-system-dev-*',
                  ],
                ],
              },
            },
          },
        },
      ]);
    });

    it('lets CloudWatch use the key for the application alarms only', () => {
      const [, key] = resourceNamed(template, 'AWS::KMS::Key', 'AlarmTopicKey');
      const statements = (key.Properties.KeyPolicy as { Statement: PolicyStatement[] }).Statement;
      const cloudWatch = statements.filter((statement) =>
        JSON.stringify(statement.Principal).includes('cloudwatch'),
      );
      expect(cloudWatch).toEqual([
        expect.objectContaining({
          Sid: 'CloudWatchAlarmsEncrypt',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Condition: expect.objectContaining({
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          }),
        }),
      ]);
    });

    it('has its ARN in the outputs', () => {
      expect(refTarget(template.findOutputs('AlarmTopicArn').AlarmTopicArn?.Value)).toBe(
        id('AlarmTopic', 'AWS::SNS::Topic'),
      );
    });
  });

  describe('functions and event sources', () => {
    it('run Node.js 22 on arm64 with the declared handler, timeout and memory', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: 'user-system-dev-handle-user-created',
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handleUserCreated',
        Timeout: 30,
        MemorySize: 256,
        LoggingConfig: {
          LogGroup: { Ref: id('HandleUserCreatedHandlerLogGroup', 'AWS::Logs::LogGroup') },
        },
        Environment: { Variables: Match.objectLike({ NODE_OPTIONS: '--enable-source-maps' }) },
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: 'user-system-dev-handle-any-user-event',
        Timeout: 10,
        MemorySize: 512,
      });
    });

    it('are bundled by the local esbuild with source maps', () => {
      const [, fn] = resourceNamed(
        template,
        'AWS::Lambda::Function',
        'HandleUserCreatedHandlerFunction',
      );
      // The code's S3 key is `<asset hash>.zip`; the assembly holds the bundle in `asset.<hash>/`.
      const key = (fn.Properties.Code as { S3Key: string }).S3Key;
      const assetDir = join(app.synth().directory, `asset.${key.replace(/\.zip$/, '')}`);
      const bundle = readFileSync(join(assetDir, 'index.js'), 'utf8');
      expect(bundle).toContain('handleUserCreated');
      expect(bundle).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
      expect(existsSync(join(assetDir, 'index.js.map'))).toBe(true);
    });

    it('consume their queue in batches and report partial batch failures', () => {
      const [, mapping] = resourceNamed(
        template,
        'AWS::Lambda::EventSourceMapping',
        'HandleUserCreatedHandlerFunctionSqsEventSource',
      );
      expect(mapping.Properties).toEqual({
        EventSourceArn: { 'Fn::GetAtt': [id('HandleUserCreatedQueue', 'AWS::SQS::Queue'), 'Arn'] },
        FunctionName: { Ref: id('HandleUserCreatedHandlerFunction', 'AWS::Lambda::Function') },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        Tags: expect.any(Array),
      });
    });

    it('pass batch size, batching window and maximum concurrency through', () => {
      const [, mapping] = resourceNamed(
        template,
        'AWS::Lambda::EventSourceMapping',
        'HandleAnyUserEventHandlerFunctionSqsEventSource',
      );
      expect(mapping.Properties).toMatchObject({
        BatchSize: 50,
        MaximumBatchingWindowInSeconds: 5,
        ScalingConfig: { MaximumConcurrency: 5 },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });

    it('write to a log group of their own', () => {
      const [, logGroup] = resourceNamed(
        template,
        'AWS::Logs::LogGroup',
        'HandleUserCreatedHandlerLogGroup',
      );
      expect(logGroup.Properties).toMatchObject({
        LogGroupName: '/aws/lambda/user-system-dev-handle-user-created',
        RetentionInDays: 30,
      });
      expect(logGroup.DeletionPolicy).toBe('Retain');
    });
  });

  it('outputs the URL of every queue and dead-letter queue', () => {
    const outputs = template.findOutputs('*');
    expect(refTarget(outputs.HandleUserCreatedQueueUrl?.Value)).toBe(
      id('HandleUserCreatedQueue', 'AWS::SQS::Queue'),
    );
    expect(refTarget(outputs.HandleUserCreatedDeadLetterQueueUrl?.Value)).toBe(
      id('HandleUserCreatedDeadLetterQueue', 'AWS::SQS::Queue'),
    );
    expect(
      Object.keys(outputs)
        .filter((key) => key.endsWith('QueueUrl'))
        .sort(),
    ).toEqual([
      'AuditQueueUrl',
      'BigInvoicesDeadLetterQueueUrl',
      'BigInvoicesQueueUrl',
      'HandleAnyUserEventDeadLetterQueueUrl',
      'HandleAnyUserEventQueueUrl',
      'HandleUserCreatedDeadLetterQueueUrl',
      'HandleUserCreatedQueueUrl',
    ]);
  });
});

describe('event handler options are checked before anything is created', () => {
  const base: AddEventHandlerOptions = {
    eventType: 'user.created',
    entry: HANDLERS_ENTRY,
    handler: 'h',
  };
  const app = new Application({
    ...withoutSchemaValidation,
    appName: 'checks',
    deploymentId: 'dev',
    enableEventBus: true,
  });
  app.addTable(UserTable);

  it.each<[string, Partial<AddEventHandlerOptions>, string]>([
    ['no subscription', { eventType: undefined }, 'addEventHandler(h).eventType'],
    ['two subscriptions', { eventTypes: ['a'] }, 'addEventHandler(h).eventType'],
    [
      'an empty list of types',
      { eventType: undefined, eventTypes: [] },
      'addEventHandler(h).eventTypes',
    ],
    [
      'a pattern EventBridge rejects',
      { eventType: undefined, pattern: '{"source": "billing"}' },
      'addEventHandler(h).pattern',
    ],
    [
      'a pattern string that is not JSON',
      { eventType: undefined, pattern: 'user.created' },
      'addEventHandler(h).pattern',
    ],
    ['a batch over 10 without a window', { batchSize: 11 }, 'addEventHandler(h).batchSize'],
    [
      'a batch over 10000',
      { batchSize: 10_001, maxBatchingWindow: Duration.seconds(1) },
      'addEventHandler(h).batchSize',
    ],
    [
      'a window over 5 minutes',
      { maxBatchingWindow: Duration.seconds(301) },
      'addEventHandler(h).maxBatchingWindow',
    ],
    ['a maximum concurrency of 1', { maxConcurrency: 1 }, 'addEventHandler(h).maxConcurrency'],
    ['no receives before the DLQ', { maxReceiveCount: 0 }, 'addEventHandler(h).maxReceiveCount'],
    [
      'a DLQ retention over 14 days',
      { deadLetterRetention: Duration.days(15) },
      'addEventHandler(h).deadLetterRetention',
    ],
    [
      'a queue retention under a minute',
      { queueRetention: Duration.seconds(59) },
      'addEventHandler(h).queueRetention',
    ],
    [
      'a queue retention over 14 days',
      { queueRetention: Duration.days(15) },
      'addEventHandler(h).queueRetention',
    ],
    [
      'a DLQ retention shorter than the default queue retention of 4 days',
      { deadLetterRetention: Duration.days(3) },
      'addEventHandler(h).deadLetterRetention',
    ],
    [
      'a DLQ retention shorter than the queue retention',
      { queueRetention: Duration.days(10), deadLetterRetention: Duration.days(9) },
      'addEventHandler(h).deadLetterRetention',
    ],
    ['a timeout over 15 minutes', { timeout: Duration.minutes(16) }, 'function(h).timeout'],
  ])('rejects %s', (_, override, field) => {
    const before = app.handlersStack.node.children.length;
    expect(() => app.addEventHandler({ ...base, ...override })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field }),
    );
    expect(() => app.addEventHandler({ ...base, ...override })).toThrow(InvalidOptionError);
    expect(app.handlersStack.node.children.length).toBe(before);
  });
});

describe('dead-letter retention against the queue retention', () => {
  const base: AddEventHandlerOptions = { eventType: 'user.created', entry: HANDLERS_ENTRY };

  it('accepts a dead-letter queue that keeps messages exactly as long as the queue', () => {
    const app = new Application({
      ...withoutSchemaValidation,
      appName: 'retention',
      deploymentId: 'dev',
      enableEventBus: true,
    });
    app.addEventHandler({
      ...base,
      handler: 'handleUserCreated',
      queueRetention: Duration.days(5),
      deadLetterRetention: Duration.days(5),
    });
    const template = Template.fromStack(app.stack);
    const retention = (prefix: string) =>
      resourceNamed(template, 'AWS::SQS::Queue', prefix)[1].Properties.MessageRetentionPeriod;
    expect([
      retention('HandleUserCreatedQueue'),
      retention('HandleUserCreatedDeadLetterQueue'),
    ]).toEqual([5 * 86_400, 5 * 86_400]);
  });

  it('names both retentions when the dead-letter queue would drop redriven messages', () => {
    const app = new Application({
      ...withoutSchemaValidation,
      appName: 'retention',
      deploymentId: 'dev',
      enableEventBus: true,
    });
    expect(() =>
      app.addEventHandler({ ...base, handler: 'h', deadLetterRetention: Duration.days(1) }),
    ).toThrow(/at least the queue's retention .*got 86400 s for a queue retention of 345600 s/);
    expect(app.handlersStack.node.findAll().filter((node) => node instanceof Topic)).toEqual([]);
  });
});

describe('alarm topics', () => {
  const base: AddEventHandlerOptions = {
    eventType: 'user.created',
    entry: HANDLERS_ENTRY,
    handler: 'handleUserCreated',
  };
  const oncall = 'arn:aws:sns:eu-west-1:111122223333:oncall';

  it('notify the topic the application names instead of creating one', () => {
    const app = new Application({
      ...withoutSchemaValidation,
      appName: 'given',
      deploymentId: 'dev',
      enableEventBus: true,
      alarmTopicArn: oncall,
    });
    expect(app.alarmTopic).toBeUndefined();
    app.addEventHandler(base);
    app.addEventHandler({ ...base, handler: 'handleUserActivated' });
    const template = Template.fromStack(app.stack);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm'));
    expect(alarms.map((alarm) => alarm.Properties.AlarmActions)).toEqual([[oncall], [oncall]]);
    expect(template.findOutputs('AlarmTopicArn')).toEqual({});
    expect(app.alarmTopic?.topicArn).toBe(oncall);
  });

  it('reject an alarmTopicArn that is not an SNS topic ARN', () => {
    expect(
      () =>
        new Application({
          appName: 'given',
          deploymentId: 'dev',
          alarmTopicArn: 'arn:aws:sqs:eu-west-1:111122223333:oncall',
        }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', field: 'alarmTopicArn' }));
  });

  it('are not created for an application without dead-letter queues', () => {
    const app = new Application({
      ...withoutSchemaValidation,
      appName: 'none',
      deploymentId: 'dev',
      enableEventBus: true,
    });
    app.addEventHandler({ ...base, deadLetterQueue: false });
    const template = Template.fromStack(app.stack);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(app.alarmTopic).toBeUndefined();
  });
});
