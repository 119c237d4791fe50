import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrderTable, UserStatsTable, UserTable } from '../../test/support/definitions.js';
import { resourceNamed } from '../../test/support/template.js';
import { Application } from '../application/application.js';
import { DuplicateNameError, InvalidOptionError } from '../errors.js';
import type { TableDefinitionLike } from './table-definition.js';

const appProps = { appName: 'shop', deploymentId: 'prod', builtinCloudFormationValidation: false };

describe('tables built from @davinci/orm definitions', () => {
  let app: Application;
  let template: Template;
  let ephemeral: Template;

  beforeAll(() => {
    app = new Application(appProps);
    app.addTable(UserTable);
    app.addTable(OrderTable);
    const key = new Key(app.dataStack, 'StatsKey');
    app.addTable(UserStatsTable, {
      removalPolicy: RemovalPolicy.SNAPSHOT,
      pointInTimeRecovery: false,
      deletionProtection: true,
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      encryptionKey: key,
    });
    template = Template.fromStack(app.dataStack);

    const short = new Application({ ...appProps, deploymentId: 'pr-7', ephemeral: true });
    short.addTable(UserTable);
    ephemeral = Template.fromStack(short.dataStack);
  });

  it('names tables {appName}-{deploymentId}-{logicalName} and defines only the key attributes', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'shop-prod-users',
      KeySchema: [{ AttributeName: 'user_id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'user_id', AttributeType: 'S' }],
    });
  });

  it('maps sort keys, number keys and the keys of every index', () => {
    const [, orders] = resourceNamed(template, 'AWS::DynamoDB::Table', 'OrdersTable');
    expect(orders.Properties.KeySchema).toEqual([
      { AttributeName: 'customer_id', KeyType: 'HASH' },
      { AttributeName: 'order_id', KeyType: 'RANGE' },
    ]);
    const definitions = orders.Properties.AttributeDefinitions as { AttributeName: string }[];
    expect([...definitions].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName))).toEqual(
      [
        { AttributeName: 'customer_id', AttributeType: 'S' },
        { AttributeName: 'order_id', AttributeType: 'S' },
        { AttributeName: 'placed_at', AttributeType: 'N' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'total', AttributeType: 'N' },
      ],
    );
  });

  it('creates global and local secondary indexes with their projections', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'shop-prod-orders',
      GlobalSecondaryIndexes: Match.arrayEquals([
        {
          IndexName: 'by_status',
          KeySchema: [
            { AttributeName: 'status', KeyType: 'HASH' },
            { AttributeName: 'placed_at', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total', 'note'] },
        },
        {
          IndexName: 'by_order',
          KeySchema: [{ AttributeName: 'order_id', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ]),
      LocalSecondaryIndexes: [
        {
          IndexName: 'by_total',
          KeySchema: [
            { AttributeName: 'customer_id', KeyType: 'HASH' },
            { AttributeName: 'total', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
    });
  });

  it('bills on demand, keeps point-in-time recovery and encrypts with the AWS managed key by default', () => {
    const [, users] = resourceNamed(template, 'AWS::DynamoDB::Table', 'UsersTable');
    expect(users.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: false,
    });
    // SSE enabled without a key id: the AWS managed key (alias/aws/dynamodb).
    expect(users.Properties.SSESpecification).toEqual({ SSEEnabled: true });
    expect(users.Properties).not.toHaveProperty('ProvisionedThroughput');
    expect(users.Properties).not.toHaveProperty('TimeToLiveSpecification');
  });

  it('retains tables by default and destroys them when the deployment is ephemeral', () => {
    const [, users] = resourceNamed(template, 'AWS::DynamoDB::Table', 'UsersTable');
    expect([users.DeletionPolicy, users.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    const [, shortLived] = resourceNamed(ephemeral, 'AWS::DynamoDB::Table', 'UsersTable');
    expect(shortLived.Properties.TableName).toBe('shop-pr-7-users');
    expect([shortLived.DeletionPolicy, shortLived.UpdateReplacePolicy]).toEqual([
      'Delete',
      'Delete',
    ]);
  });

  it('applies per-table options over the defaults', () => {
    const [, stats] = resourceNamed(template, 'AWS::DynamoDB::Table', 'UserStatsTable');
    expect(stats.DeletionPolicy).toBe('Snapshot');
    expect(stats.Properties).toMatchObject({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
      DeletionProtectionEnabled: true,
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^StatsKey/), 'Arn'] },
      },
    });
  });

  it('outputs every table name and exposes the construct by logical name', () => {
    template.hasOutput('UsersTableName', { Value: { Ref: Match.stringLikeRegexp('^UsersTable') } });
    template.hasOutput('OrdersTableName', {
      Value: { Ref: Match.stringLikeRegexp('^OrdersTable') },
    });
    template.hasOutput('UserStatsTableName', {
      Value: { Ref: Match.stringLikeRegexp('^UserStatsTable') },
    });
    const users = app.tables.get('users');
    expect(users?.tableName).toBe('shop-prod-users');
    expect(users?.environmentVariable).toBe('DAVINCI_TABLE_USERS');
    expect(app.tables.get('user_stats')?.environmentVariable).toBe('DAVINCI_TABLE_USER_STATS');
    expect(app.tables.get('orders')?.indexNames).toEqual(['by_status', 'by_order', 'by_total']);
  });

  it('refuses a second table with the same logical name', () => {
    const fresh = new Application(appProps);
    fresh.addTable(UserTable);
    expect(() => fresh.addTable(UserTable)).toThrow(DuplicateNameError);
  });

  it('refuses hand-written schemas DynamoDB would reject, naming the field', () => {
    const fresh = new Application(appProps);
    const conflicting: TableDefinitionLike = {
      name: 'events',
      schema: {
        name: 'events',
        partitionKey: { name: 'id', type: 'S' },
        globalSecondaryIndexes: [
          {
            indexName: 'by_id',
            partitionKey: { name: 'id', type: 'N' },
            projection: { type: 'ALL' },
          },
        ],
        localSecondaryIndexes: [],
      },
    };
    expect(() => fresh.addTable(conflicting)).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        field: 'addTable(events).globalSecondaryIndexes.by_id.partitionKey',
      }),
    );
    const lsiWithoutSortKey: TableDefinitionLike = {
      name: 'notes',
      schema: {
        name: 'notes',
        partitionKey: { name: 'id', type: 'S' },
        globalSecondaryIndexes: [],
        localSecondaryIndexes: [
          { indexName: 'by_time', sortKey: { name: 'at', type: 'N' }, projection: { type: 'ALL' } },
        ],
      },
    };
    expect(() => fresh.addTable(lsiWithoutSortKey)).toThrow(InvalidOptionError);
    expect(Stack.of(fresh.dataStack).node.tryFindChild('NotesTable')).toBeUndefined();
  });
});
