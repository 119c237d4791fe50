import { defineEventHandler } from '@davinci/event-bus';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { UserStatsTable, UserTable } from '../../test/support/definitions.js';
import { HANDLERS_ENTRY } from '../../test/support/fixtures.js';
import { resourceNamed, resourcesOfType } from '../../test/support/template.js';
import { InvalidOptionError } from '../errors.js';
import { DavinciApplication } from './davinci-application.js';

const handleUserCreated = defineEventHandler({
  name: 'handleUserCreated',
  subscribe: 'user.created',
  tables: { [UserStatsTable.name]: 'readWrite' },
  idempotency: true,
  handler: () => {},
});

const names = { appName: 'user-system', deploymentId: 'dev' };

function existingApp(): App {
  return new App({ builtinCloudFormationValidation: false });
}

function tagsOf(resource: { Properties?: Record<string, unknown> }): Record<string, string> {
  const tags = (resource.Properties?.Tags ?? []) as { Key: string; Value: string }[];
  return Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]));
}

describe('a DavinciApplication inside an existing stack', () => {
  function build() {
    const app = existingApp();
    const stack = new Stack(app, 'Platform');
    const ownQueue = new Queue(stack, 'OwnQueue');
    const users = new DavinciApplication(stack, 'Users', {
      ...names,
      enableEventBus: true,
      tags: { team: 'identity' },
    });
    users.addTable(UserTable);
    users.addTable(UserStatsTable);
    users.addEventHandler({ declaration: handleUserCreated, entry: HANDLERS_ENTRY });
    return { app, stack, ownQueue, users, template: Template.fromStack(stack) };
  }

  it('adds its resources to that stack and makes no stack of its own', () => {
    const { app, stack, users, template } = build();
    expect(users.stacks).toEqual([stack]);
    expect(users.dataStack).toBe(stack);
    expect(users.handlersStack).toBe(stack);
    expect(
      app
        .synth()
        .stacks.map((artifact) => artifact.stackName)
        .sort(),
    ).toEqual(['Platform']);
    const tableNames = Object.values(resourcesOfType(template, 'AWS::DynamoDB::Table'))
      .map((table) => table.Properties.TableName)
      .sort();
    expect(tableNames).toEqual([
      'user-system-dev-davinci_idempotency',
      'user-system-dev-user_stats',
      'user-system-dev-users',
    ]);
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    // The stack's own queue, the handler's queue and its dead-letter queue.
    template.resourceCountIs('AWS::SQS::Queue', 3);
  });

  it('keeps its resources under its construct, so their logical ids cannot clash with the stack’s', () => {
    const { users, template } = build();
    expect(users.tables.get('users')?.node.path).toBe('Platform/Users/UsersTable');
    expect(users.eventHandlers.get('handle-user-created')?.node.path).toBe(
      'Platform/Users/HandleUserCreated',
    );
    template.resourceCountIs('AWS::Events::EventBus', 1);
  });

  it('lives beside constructs of the stack that use the same ids', () => {
    const stack = new Stack(existingApp(), 'Platform');
    new EventBus(stack, 'EventBus', { eventBusName: 'platform-bus' });
    new DavinciApplication(stack, 'Users', { ...names, enableEventBus: true });
    const buses = Object.values(resourcesOfType(Template.fromStack(stack), 'AWS::Events::EventBus'))
      .map((bus) => bus.Properties.Name)
      .sort();
    expect(buses).toEqual(['platform-bus', 'user-system-dev-event-bus']);
  });

  it('names the tables and the bus to its function, without cross-stack exports', () => {
    const { template } = build();
    const exported = Object.values(
      (template.toJSON().Outputs ?? {}) as Record<string, { Export?: { Name: string } }>,
    ).filter((output) => output.Export !== undefined);
    expect(exported).toEqual([]);
    const [, fn] = resourceNamed(template, 'AWS::Lambda::Function', 'UsersHandleUserCreated');
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(variables).toMatchObject({
      DAVINCI_APP_NAME: 'user-system',
      DAVINCI_DEPLOYMENT_ID: 'dev',
      DAVINCI_EVENT_BUS_NAME: 'user-system-dev-event-bus',
      DAVINCI_TABLE_USER_STATS: 'user-system-dev-user_stats',
      DAVINCI_TABLE_DAVINCI_IDEMPOTENCY: 'user-system-dev-davinci_idempotency',
    });
  });

  it('tags its own resources only, not the rest of the stack', () => {
    const { template } = build();
    const [, ownQueue] = resourceNamed(template, 'AWS::SQS::Queue', 'OwnQueue');
    expect(tagsOf(ownQueue)).toEqual({});
    const [, table] = resourceNamed(template, 'AWS::DynamoDB::Table', 'UsersUsersTable');
    expect(tagsOf(table)).toEqual({
      'davinci:app': 'user-system',
      'davinci:deployment': 'dev',
      team: 'identity',
    });
  });

  it('lets two applications share a stack when their names differ', () => {
    const stack = new Stack(existingApp(), 'Platform');
    new DavinciApplication(stack, 'Users', names).addTable(UserTable);
    new DavinciApplication(stack, 'Billing', { appName: 'billing', deploymentId: 'dev' }).addTable(
      UserTable,
    );
    const tableNames = Object.values(
      resourcesOfType(Template.fromStack(stack), 'AWS::DynamoDB::Table'),
    )
      .map((table) => table.Properties.TableName)
      .sort();
    expect(tableNames).toEqual(['billing-dev-users', 'user-system-dev-users']);
  });

  it('refuses separateStacks and env, which only apply to stacks of its own', () => {
    const stack = new Stack(existingApp(), 'Platform');
    const separate = () =>
      new DavinciApplication(stack, 'Users', { ...names, separateStacks: true });
    expect(separate).toThrow(InvalidOptionError);
    expect(separate).toThrow(
      "separateStacks: applies only when the application makes its own stacks (its scope is an App or a Stage) (its scope is inside the stack 'Platform')",
    );
    const withEnv = () =>
      new DavinciApplication(stack, 'Users', {
        ...names,
        env: { account: '123456789012', region: 'eu-west-1' },
      });
    expect(withEnv).toThrow(
      "env: applies only when the application makes its own stacks (its scope is an App or a Stage) (its scope is inside the stack 'Platform')",
    );
    // Nothing was added by the refused constructions.
    expect(stack.node.children.map((child) => child.node.id)).toEqual([]);
  });

  it('finds the enclosing stack through any depth of plain constructs', () => {
    const stack = new Stack(existingApp(), 'Platform');
    const group = new Construct(new Construct(stack, 'Services'), 'Identity');
    const nested = new DavinciApplication(group, 'Users', names);
    expect(nested.dataStack).toBe(stack);
    expect(nested.addTable(UserTable).node.path).toBe(
      'Platform/Services/Identity/Users/UsersTable',
    );
  });
});

describe('a DavinciApplication in an existing app', () => {
  it('adds its stacks beside the app’s own, under their stack names', () => {
    const app = existingApp();
    new Stack(app, 'Network');
    const users = new DavinciApplication(app, 'Users', {
      ...names,
      enableEventBus: true,
      separateStacks: true,
      env: { account: '123456789012', region: 'eu-west-1' },
    });
    users.addTable(UserTable);
    users.addEventHandler({
      eventType: 'user.created',
      entry: HANDLERS_ENTRY,
      handler: 'handleUserCreated',
      tables: { users: 'read' },
    });
    const assembly = app.synth();
    expect(
      assembly.stacks.map((artifact) => [
        artifact.id,
        artifact.stackName,
        artifact.environment.region,
      ]),
    ).toEqual([
      ['Network', 'Network', 'unknown-region'],
      ['user-system-dev-data', 'user-system-dev-data', 'eu-west-1'],
      ['user-system-dev-handlers', 'user-system-dev-handlers', 'eu-west-1'],
    ]);
    expect(users.handlersStack.dependencies.map((stack) => stack.stackName)).toEqual([
      'user-system-dev-data',
    ]);
    const [, table] = resourceNamed(
      Template.fromStack(users.dataStack),
      'AWS::DynamoDB::Table',
      'UsersTable',
    );
    expect(tagsOf(table)).toMatchObject({ 'davinci:app': 'user-system' });
  });

  it('adds its stack to a Stage, so one app can hold several deployments', () => {
    const app = existingApp();
    for (const deploymentId of ['staging', 'prod']) {
      const stage = new Stage(app, `Users-${deploymentId}`);
      new DavinciApplication(stage, 'Users', { appName: 'user-system', deploymentId }).addTable(
        UserTable,
      );
    }
    const stages = ['Users-staging', 'Users-prod'].map((id) => {
      const stage = app.node.findChild(id) as Stage;
      return stage.synth().stacks.map((artifact) => artifact.stackName);
    });
    expect(stages).toEqual([['user-system-staging'], ['user-system-prod']]);
  });
});
