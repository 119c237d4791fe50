import type { TableAccess } from '@davinci/event-bus';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { DavinciTable } from './davinci-table.js';

// One home for the access levels: handler declarations (`@davinci/event-bus`) name them too.
export type { TableAccess };

const READ_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
];

const WRITE_ACTIONS = [
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
];

/** The actions `access` allows, sorted so templates stay stable. */
export function tableActions(access: TableAccess): string[] {
  return access === 'read' ? [...READ_ACTIONS] : [...READ_ACTIONS, ...WRITE_ACTIONS].sort();
}

/**
 * Grants `access` on the table and on each of its indexes by name. Naming every index ARN
 * (instead of `<table-arn>/index/*`) keeps the policy free of wildcards.
 */
export function grantTableAccess(
  grantee: IGrantable,
  table: DavinciTable,
  access: TableAccess,
): void {
  const tableArn = table.table.tableArn;
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: tableActions(access),
      resources: [tableArn, ...table.indexNames.map((name) => `${tableArn}/index/${name}`)],
    }),
  );
  const key = table.table.encryptionKey;
  if (key) {
    if (access === 'read') key.grantDecrypt(grantee);
    else key.grantEncryptDecrypt(grantee);
  }
}
