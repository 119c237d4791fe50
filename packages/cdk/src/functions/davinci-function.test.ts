import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserTable } from '../../test/support/definitions.js';
import { HANDLERS_ENTRY } from '../../test/support/fixtures.js';
import { buildHandlersApp } from '../../test/support/handlers-app.js';
import {
  type PolicyStatement,
  resourceNamed,
  resourcesOfType,
  roleStatements,
  stringsIn,
} from '../../test/support/template.js';
import { Application } from '../application/application.js';

const READ = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
];
const READ_WRITE = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:UpdateItem',
];
const CONSUME = [
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueUrl',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
];

describe('functions: least privilege and resource discovery', () => {
  let app: Application;
  let template: Template;
  const id = (prefix: string, type: string) => resourceNamed(template, type, prefix)[0];
  const arn = (prefix: string, type: string) => ({ 'Fn::GetAtt': [id(prefix, type), 'Arn'] });
  const indexArn = (tablePrefix: string, index: string) => ({
    'Fn::Join': ['', [arn(tablePrefix, 'AWS::DynamoDB::Table'), `/index/${index}`]],
  });
  const environmentOf = (functionName: string) => {
    const fn = Object.values(resourcesOfType(template, 'AWS::Lambda::Function')).find(
      (resource) => resource.Properties.FunctionName === functionName,
    );
    if (!fn) throw new Error(`no function named ${functionName}`);
    return (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
  };

  beforeAll(() => {
    app = buildHandlersApp();
    template = Template.fromStack(app.stack);
  });

  it('give each function a role of its own with no managed policies', () => {
    const roles = Object.values(resourcesOfType(template, 'AWS::IAM::Role'));
    expect(roles).toHaveLength(5);
    for (const role of roles) {
      expect(role.Properties.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'lambda.amazonaws.com' },
          },
        ],
      });
      expect(role.Properties).not.toHaveProperty('ManagedPolicyArns');
    }
  });

  it('grant an event handler its own logs, the tables it names and its queue — nothing else', () => {
    expect(roleStatements(template, 'HandleUserCreatedHandlerRole')).toEqual<PolicyStatement[]>([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arn('HandleUserCreatedHandlerLogGroup', 'AWS::Logs::LogGroup'),
      },
      { Effect: 'Allow', Action: READ, Resource: arn('UsersTable', 'AWS::DynamoDB::Table') },
      {
        Effect: 'Allow',
        Action: CONSUME,
        Resource: arn('HandleUserCreatedQueue', 'AWS::SQS::Queue'),
      },
    ]);
  });

  it('grant read-write on the idempotency table only to handlers declared with idempotency: true', () => {
    const idempotencyTable = arn('DavinciIdempotencyTable', 'AWS::DynamoDB::Table');
    expect(roleStatements(template, 'HandleAnyUserEventHandlerRole')).toContainEqual({
      Effect: 'Allow',
      Action: READ_WRITE,
      Resource: idempotencyTable,
    });
    const others = ['HandleUserCreatedHandlerRole', 'AuditHandlerRole', 'BigInvoicesHandlerRole'];
    for (const rolePrefix of [...others, 'ReportRole']) {
      expect(JSON.stringify(roleStatements(template, rolePrefix))).not.toContain(
        id('DavinciIdempotencyTable', 'AWS::DynamoDB::Table'),
      );
    }
    expect(environmentOf('user-system-dev-handle-any-user-event')).toMatchObject({
      DAVINCI_TABLE_DAVINCI_IDEMPOTENCY: 'user-system-dev-davinci_idempotency',
    });
    for (const name of ['handle-user-created', 'audit', 'big-invoices', 'report']) {
      expect(environmentOf(`user-system-dev-${name}`)).not.toHaveProperty(
        'DAVINCI_TABLE_DAVINCI_IDEMPOTENCY',
      );
    }
  });

  it('grant events:PutEvents on the application bus only to functions that publish', () => {
    const publishes = roleStatements(template, 'HandleAnyUserEventHandlerRole');
    expect(publishes).toContainEqual({
      Effect: 'Allow',
      Action: 'events:PutEvents',
      Resource: arn('EventBus', 'AWS::Events::EventBus'),
    });
    expect(publishes).toContainEqual({
      Effect: 'Allow',
      Action: READ_WRITE,
      Resource: arn('UserStatsTable', 'AWS::DynamoDB::Table'),
    });
    const silent = roleStatements(template, 'HandleUserCreatedHandlerRole');
    expect(stringsIn(silent.map((statement) => statement.Action))).not.toContain(
      'events:PutEvents',
    );
  });

  it('name every index of a granted table instead of using a wildcard', () => {
    expect(roleStatements(template, 'BigInvoicesHandlerRole')).toContainEqual({
      Effect: 'Allow',
      Action: READ,
      Resource: [
        arn('OrdersTable', 'AWS::DynamoDB::Table'),
        indexArn('OrdersTable', 'by_status'),
        indexArn('OrdersTable', 'by_order'),
        indexArn('OrdersTable', 'by_total'),
      ],
    });
  });

  it('give plain functions their tables and the bus, without queue or idempotency grants', () => {
    expect(roleStatements(template, 'ReportRole')).toEqual<PolicyStatement[]>([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arn('ReportLogGroup', 'AWS::Logs::LogGroup'),
      },
      { Effect: 'Allow', Action: READ, Resource: arn('UsersTable', 'AWS::DynamoDB::Table') },
      {
        Effect: 'Allow',
        Action: READ_WRITE,
        Resource: [
          arn('OrdersTable', 'AWS::DynamoDB::Table'),
          indexArn('OrdersTable', 'by_status'),
          indexArn('OrdersTable', 'by_order'),
          indexArn('OrdersTable', 'by_total'),
        ],
      },
      {
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: arn('EventBus', 'AWS::Events::EventBus'),
      },
    ]);
  });

  it('contain no wildcard action or resource in any identity policy', () => {
    const policies = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'));
    expect(policies).toHaveLength(5);
    for (const policy of policies) {
      const statements = (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] })
        .Statement;
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        expect(stringsIn(statement.Action).filter((action) => action.includes('*'))).toEqual([]);
        expect(stringsIn(statement.Resource).filter((resource) => resource.includes('*'))).toEqual(
          [],
        );
      }
    }
  });

  it('set the discovery variables: app, deployment, source, bus and one per usable table', () => {
    expect(environmentOf('user-system-dev-handle-user-created')).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      DAVINCI_APP_NAME: 'user-system',
      DAVINCI_DEPLOYMENT_ID: 'dev',
      DAVINCI_EVENT_SOURCE: 'user-system',
      DAVINCI_EVENT_BUS_NAME: 'user-system-dev-event-bus',
      DAVINCI_TABLE_USERS: 'user-system-dev-users',
    });
    expect(environmentOf('user-system-dev-handle-any-user-event')).toMatchObject({
      DAVINCI_TABLE_USER_STATS: 'user-system-dev-user_stats',
      FEATURE_FLAG: 'on',
    });
    const report = environmentOf('user-system-dev-report');
    expect(report).toMatchObject({
      DAVINCI_TABLE_USERS: 'user-system-dev-users',
      DAVINCI_TABLE_ORDERS: 'user-system-dev-orders',
      DAVINCI_EVENT_BUS_NAME: 'user-system-dev-event-bus',
    });
    expect(report).not.toHaveProperty('DAVINCI_TABLE_DAVINCI_IDEMPOTENCY');
    expect(report).not.toHaveProperty('DAVINCI_TABLE_USER_STATS');
  });

  it('output the name of plain functions', () => {
    template.hasOutput('ReportFunctionName', {
      Value: { Ref: id('ReportFunction', 'AWS::Lambda::Function') },
    });
  });
});

describe('function options are checked before anything is created', () => {
  const make = () => {
    const app = new Application({
      appName: 'checks',
      deploymentId: 'dev',
      builtinCloudFormationValidation: false,
    });
    app.addTable(UserTable);
    return app;
  };
  const base = { entry: HANDLERS_ENTRY, handler: 'publishReport' };

  it.each([
    ['a table that was never added', { tables: { orders: 'read' } }, 'UNKNOWN_TABLE'],
    ['an unknown access level', { tables: { users: 'write' } }, 'INVALID_OPTION'],
    ['a reserved variable', { environment: { DAVINCI_APP_NAME: 'x' } }, 'INVALID_OPTION'],
    ['too little memory', { memorySize: 64 }, 'INVALID_OPTION'],
    ['publishing without a bus', { publishes: true }, 'EVENT_BUS_DISABLED'],
    ['a name Lambda cannot hold', { name: 'x'.repeat(60) }, 'INVALID_OPTION'],
    ['a name with spaces', { name: 'my report' }, 'INVALID_OPTION'],
  ] as const)('rejects %s', (_, override, code) => {
    const app = make();
    expect(() => app.addFunction({ ...base, ...override } as never)).toThrow(
      expect.objectContaining({ code }),
    );
    expect(app.functions.size).toBe(0);
    expect(
      Object.keys(Template.fromStack(app.stack).findResources('AWS::Lambda::Function')),
    ).toEqual([]);
  });

  it('rejects a second function with the same name', () => {
    const app = make();
    app.addFunction({ ...base, name: 'report' });
    expect(() => app.addFunction({ ...base, name: 'report' })).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_NAME' }),
    );
  });
});
