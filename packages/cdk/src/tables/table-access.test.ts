import { Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrderTable, UserStatsTable } from '../../test/support/definitions.js';
import { HANDLERS_ENTRY } from '../../test/support/fixtures.js';
import { resourceNamed, roleStatements } from '../../test/support/template.js';
import { Application } from '../application/application.js';

describe('table access on a table with a customer managed key', () => {
  let template: Template;
  let keyId: string;

  beforeAll(() => {
    const app = new Application({
      appName: 'kms',
      deploymentId: 'dev',
      builtinCloudFormationValidation: false,
    });
    const key = new Key(app.dataStack, 'StatsKey');
    app.addTable(UserStatsTable, { encryptionKey: key });
    app.addTable(OrderTable);
    const base = { entry: HANDLERS_ENTRY, handler: 'publishReport' };
    app.addFunction({ ...base, name: 'reader', tables: { user_stats: 'read', orders: 'read' } });
    app.addFunction({
      ...base,
      name: 'writer',
      tables: { user_stats: 'readWrite', orders: 'readWrite' },
    });
    template = Template.fromStack(app.stack);
    [keyId] = resourceNamed(Template.fromStack(app.dataStack), 'AWS::KMS::Key', 'StatsKey');
  });

  const kmsStatements = (rolePrefix: string) =>
    roleStatements(template, rolePrefix).filter((statement) =>
      [statement.Action].flat().some((action) => action.startsWith('kms:')),
    );

  it('lets a reader decrypt only', () => {
    expect(kmsStatements('ReaderRole')).toEqual([
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    ]);
  });

  it('lets a writer encrypt, decrypt and generate data keys, as writes to the table need', () => {
    expect(kmsStatements('WriterRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
        Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
      },
    ]);
  });

  it('grants nothing on KMS for a table without a customer managed key', () => {
    // Both roles also use `orders` (AWS-owned encryption): the single KMS statement is the key's.
    const all = [
      ...roleStatements(template, 'ReaderRole'),
      ...roleStatements(template, 'WriterRole'),
    ];
    expect(all.filter((statement) => JSON.stringify(statement).includes('kms:'))).toHaveLength(2);
  });
});
