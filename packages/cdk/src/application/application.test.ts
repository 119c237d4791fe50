import { Template } from 'aws-cdk-lib/assertions';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserStatsTable, UserTable } from '../../test/support/definitions.js';
import { HANDLERS_ENTRY } from '../../test/support/fixtures.js';
import { resourceNamed, resourcesOfType, stringsIn } from '../../test/support/template.js';
import { Application } from './application.js';

const base = {
  appName: 'user-system',
  deploymentId: 'dev',
  builtinCloudFormationValidation: false,
};

describe('an application with separate stacks', () => {
  let app: Application;
  let data: Template;
  let handlers: Template;

  beforeAll(() => {
    app = new Application({ ...base, enableEventBus: true, separateStacks: true });
    app.addTable(UserTable);
    app.addTable(UserStatsTable);
    app.addEventHandler({
      eventType: 'user.created',
      entry: HANDLERS_ENTRY,
      handler: 'handleUserCreated',
      tables: { users: 'read' },
      idempotency: true,
      publishes: true,
    });
    data = Template.fromStack(app.dataStack);
    handlers = Template.fromStack(app.handlersStack);
  });

  it('puts tables and the bus in the data stack and everything else in the handlers stack', () => {
    expect(app.stacks.map((stack) => stack.stackName)).toEqual([
      'user-system-dev-data',
      'user-system-dev-handlers',
    ]);
    expect(Object.keys(resourcesOfType(data, 'AWS::DynamoDB::Table'))).toHaveLength(3);
    data.resourceCountIs('AWS::Events::EventBus', 1);
    data.resourceCountIs('AWS::Events::Archive', 1);
    data.resourceCountIs('AWS::Lambda::Function', 0);
    handlers.resourceCountIs('AWS::DynamoDB::Table', 0);
    handlers.resourceCountIs('AWS::Events::EventBus', 0);
    handlers.resourceCountIs('AWS::Lambda::Function', 1);
    handlers.resourceCountIs('AWS::SQS::Queue', 2);
    handlers.resourceCountIs('AWS::Events::Rule', 1);
    handlers.resourceCountIs('AWS::SNS::Topic', 1);
    data.resourceCountIs('AWS::SNS::Topic', 0);
  });

  it('references the bus and the tables across stacks through exports, in one direction only', () => {
    const exports = Object.values(
      data.toJSON().Outputs as Record<string, { Export?: { Name: string } }>,
    )
      .map((output) => output.Export?.Name)
      .filter((name): name is string => name !== undefined);
    expect(exports.length).toBeGreaterThanOrEqual(3);
    const [, rule] = resourceNamed(handlers, 'AWS::Events::Rule', 'HandleUserCreatedRule');
    expect(exports).toContain(
      (rule.Properties.EventBusName as { 'Fn::ImportValue': string })['Fn::ImportValue'],
    );

    const imported = stringsIn(
      Object.values(resourcesOfType(handlers, 'AWS::IAM::Policy')).map(
        (policy) => policy.Properties,
      ),
    );
    const policyImports = JSON.stringify(resourcesOfType(handlers, 'AWS::IAM::Policy'))
      .match(/"Fn::ImportValue":"([^"]+)"/g)
      ?.map((match) => match.slice('"Fn::ImportValue":"'.length, -1));
    expect(new Set(policyImports)).toEqual(
      new Set(
        exports.filter((name) => /(UsersTable|DavinciIdempotencyTable|EventBus)\w+Arn/.test(name)),
      ),
    );
    expect(imported.every((value) => !value.includes('*'))).toBe(true);
    expect(JSON.stringify(data.toJSON())).not.toContain('Fn::ImportValue');
    expect(app.handlersStack.dependencies).toEqual([app.dataStack]);
    expect(app.dataStack.dependencies).toEqual([]);
  });

  it('keeps physical names and discovery variables independent of the stack layout', () => {
    handlers.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'user-system-dev-handle-user-created',
      Environment: {
        Variables: {
          NODE_OPTIONS: '--enable-source-maps',
          DAVINCI_APP_NAME: 'user-system',
          DAVINCI_DEPLOYMENT_ID: 'dev',
          DAVINCI_EVENT_SOURCE: 'user-system',
          DAVINCI_EVENT_BUS_NAME: 'user-system-dev-event-bus',
          DAVINCI_TABLE_USERS: 'user-system-dev-users',
          DAVINCI_TABLE_DAVINCI_IDEMPOTENCY: 'user-system-dev-davinci_idempotency',
        },
      },
    });
    data.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'user-system-dev-user_stats' });
  });

  it('outputs table and bus names from the data stack and queue URLs from the handlers stack', () => {
    expect(Object.keys(data.findOutputs('*')).filter((key) => !key.startsWith('Export'))).toEqual(
      expect.arrayContaining(['EventBusName', 'UsersTableName', 'UserStatsTableName']),
    );
    expect(Object.keys(handlers.findOutputs('*')).sort()).toEqual([
      'AlarmTopicArn',
      'HandleUserCreatedDeadLetterQueueUrl',
      'HandleUserCreatedQueueUrl',
    ]);
  });

  it('synthesizes a cloud assembly with both stacks', () => {
    const assembly = app.synth();
    expect(assembly.stacks.map((stack) => stack.stackName).sort()).toEqual([
      'user-system-dev-data',
      'user-system-dev-handlers',
    ]);
  });
});

describe('an application with one stack', () => {
  it('names the stack {appName}-{deploymentId}, keeping underscores out of the stack name only', () => {
    const app = new Application({ ...base, appName: 'user_system' });
    app.addTable(UserTable);
    expect(app.stacks).toEqual([app.stack]);
    expect(app.stack.stackName).toBe('user-system-dev');
    Template.fromStack(app.stack).hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'user_system-dev-users',
    });
  });

  it('tags every resource with the app and deployment, plus any extra tags', () => {
    const app = new Application({ ...base, tags: { team: 'growth' } });
    app.addTable(UserTable);
    Template.fromStack(app.stack).hasResourceProperties('AWS::DynamoDB::Table', {
      Tags: [
        { Key: 'davinci:app', Value: 'user-system' },
        { Key: 'davinci:deployment', Value: 'dev' },
        { Key: 'team', Value: 'growth' },
      ],
    });
  });

  it('creates the idempotency table once, with the first event handler that asks for it', () => {
    const app = new Application({ ...base, enableEventBus: true });
    app.addTable(UserTable);
    app.addFunction({ entry: HANDLERS_ENTRY, handler: 'publishReport', publishes: true });
    app.addEventHandler({ eventType: 'a', entry: HANDLERS_ENTRY, handler: 'handleUserCreated' });
    expect([...app.tables.keys()]).toEqual(['users']);
    for (const [eventType, handler] of [
      ['b', 'handleUserActivated'],
      ['c', 'handleAnyUserEvent'],
    ] as const) {
      app.addEventHandler({ eventType, entry: HANDLERS_ENTRY, handler, idempotency: true });
    }
    expect([...app.tables.keys()]).toEqual(['users', 'davinci_idempotency']);
    const [, table] = resourceNamed(
      Template.fromStack(app.stack),
      'AWS::DynamoDB::Table',
      'DavinciIdempotency',
    );
    expect(table.Properties).toMatchObject({
      TableName: 'user-system-dev-davinci_idempotency',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
    });
  });

  it('leaves DAVINCI_EVENT_BUS_NAME out when the bus is disabled', () => {
    const app = new Application(base);
    app.addTable(UserTable);
    app.addFunction({ entry: HANDLERS_ENTRY, handler: 'publishReport', tables: { users: 'read' } });
    Template.fromStack(app.stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          NODE_OPTIONS: '--enable-source-maps',
          DAVINCI_APP_NAME: 'user-system',
          DAVINCI_DEPLOYMENT_ID: 'dev',
          DAVINCI_EVENT_SOURCE: 'user-system',
          DAVINCI_TABLE_USERS: 'user-system-dev-users',
        },
      },
    });
  });

  it('destroys function log groups with an ephemeral deployment and retains them otherwise', () => {
    const policies = [false, true].map((ephemeral) => {
      const app = new Application({ ...base, ephemeral });
      app.addFunction({ entry: HANDLERS_ENTRY, handler: 'publishReport' });
      const [, logGroup] = resourceNamed(
        Template.fromStack(app.stack),
        'AWS::Logs::LogGroup',
        'PublishReport',
      );
      return logGroup.DeletionPolicy;
    });
    expect(policies).toEqual(['Retain', 'Delete']);
  });

  it('keeps function logs as long as the application says, unless the function says otherwise', () => {
    const app = new Application({ ...base, logRetention: RetentionDays.ONE_WEEK });
    app.addFunction({ entry: HANDLERS_ENTRY, handler: 'publishReport' });
    app.addFunction({
      entry: HANDLERS_ENTRY,
      handler: 'handleUserCreated',
      logRetention: RetentionDays.ONE_YEAR,
    });
    const template = Template.fromStack(app.stack);
    const retention = (prefix: string) =>
      resourceNamed(template, 'AWS::Logs::LogGroup', prefix)[1].Properties.RetentionInDays;
    expect([retention('PublishReport'), retention('HandleUserCreated')]).toEqual([7, 365]);
  });

  it('runs functions on arm64 unless one asks for x86_64', () => {
    const app = new Application(base);
    app.addFunction({ entry: HANDLERS_ENTRY, handler: 'publishReport' });
    app.addFunction({
      entry: HANDLERS_ENTRY,
      handler: 'handleUserCreated',
      architecture: Architecture.X86_64,
    });
    const template = Template.fromStack(app.stack);
    const architectures = (prefix: string) =>
      resourceNamed(template, 'AWS::Lambda::Function', prefix)[1].Properties.Architectures;
    expect([architectures('PublishReport'), architectures('HandleUserCreated')]).toEqual([
      ['arm64'],
      ['x86_64'],
    ]);
  });

  it('uses the configured event source', () => {
    const app = new Application({
      ...base,
      enableEventBus: true,
      eventSource: 'com.example.users',
    });
    app.addFunction({ entry: HANDLERS_ENTRY, handler: 'publishReport' });
    Template.fromStack(app.stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { DAVINCI_EVENT_SOURCE: 'com.example.users' } },
    });
  });
});

describe('application props are checked', () => {
  it.each([
    ['appName', { appName: 'user system' }],
    ['appName', { appName: '' }],
    ['deploymentId', { deploymentId: 'dev/1' }],
  ])('rejects a bad %s', (field, override) => {
    expect(() => new Application({ ...base, ...override })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field }),
    );
  });

  it('refuses event handlers when the bus is disabled, before creating anything', () => {
    const app = new Application(base);
    expect(() =>
      app.addEventHandler({ eventType: 'user.created', entry: HANDLERS_ENTRY, handler: 'h' }),
    ).toThrow(expect.objectContaining({ code: 'EVENT_BUS_DISABLED' }));
    expect(app.tables.size).toBe(0);
    expect(app.functions.size).toBe(0);
  });
});
