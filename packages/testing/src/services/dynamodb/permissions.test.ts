import { describe, expect, it } from 'vitest';
import type { ServiceRequest } from '../../edge/service.js';
import { dynamoDbPermissions } from './permissions.js';

const scope = { region: 'us-east-1', accountId: '000000000000' };
const arn = (table: string) => `arn:aws:dynamodb:us-east-1:000000000000:table/${table}`;

function needs(operation: string, body: unknown) {
  const request: ServiceRequest = {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: { 'x-amz-target': `DynamoDB_20120810.${operation}` },
    body: Buffer.from(JSON.stringify(body)),
  };
  return dynamoDbPermissions(request, scope);
}

describe('the IAM permissions of DynamoDB requests', () => {
  it('item operations need their action on the table', () => {
    expect(needs('GetItem', { TableName: 'users', Key: {} })).toEqual([
      { action: 'dynamodb:GetItem', resources: [arn('users')] },
    ]);
    expect(needs('PutItem', { TableName: arn('users'), Item: {} })).toEqual([
      { action: 'dynamodb:PutItem', resources: [arn('users')] },
    ]);
  });

  it('Query and Scan on an index need the index ARN', () => {
    expect(needs('Query', { TableName: 'users', IndexName: 'by-email' })).toEqual([
      { action: 'dynamodb:Query', resources: [`${arn('users')}/index/by-email`] },
    ]);
    expect(needs('Scan', { TableName: 'users' })).toEqual([
      { action: 'dynamodb:Scan', resources: [arn('users')] },
    ]);
  });

  it('batch operations need their action on every table they name', () => {
    expect(needs('BatchWriteItem', { RequestItems: { users: [], orders: [] } })).toEqual([
      { action: 'dynamodb:BatchWriteItem', resources: [arn('users'), arn('orders')] },
    ]);
    expect(needs('BatchGetItem', { RequestItems: { users: {} } })).toEqual([
      { action: 'dynamodb:BatchGetItem', resources: [arn('users')] },
    ]);
  });

  it("transactions need each item's own action on its table", () => {
    expect(
      needs('TransactWriteItems', {
        TransactItems: [
          { Update: { TableName: 'stats' } },
          { Put: { TableName: 'idempotency' } },
          { ConditionCheck: { TableName: 'users' } },
          { Delete: { TableName: 'users' } },
          { Put: { TableName: 'stats' } },
        ],
      }),
    ).toEqual([
      { action: 'dynamodb:UpdateItem', resources: [arn('stats')] },
      { action: 'dynamodb:PutItem', resources: [arn('idempotency'), arn('stats')] },
      { action: 'dynamodb:ConditionCheckItem', resources: [arn('users')] },
      { action: 'dynamodb:DeleteItem', resources: [arn('users')] },
    ]);
    expect(needs('TransactGetItems', { TransactItems: [{ Get: { TableName: 'users' } }] })).toEqual(
      [{ action: 'dynamodb:GetItem', resources: [arn('users')] }],
    );
  });

  it('PartiQL statements need the action of their verb on the table they name', () => {
    expect(needs('ExecuteStatement', { Statement: 'SELECT * FROM "users" WHERE id = ?' })).toEqual([
      { action: 'dynamodb:PartiQLSelect', resources: [arn('users')] },
    ]);
    expect(
      needs('BatchExecuteStatement', {
        Statements: [
          { Statement: "INSERT INTO orders VALUE {'id': 'o1'}" },
          { Statement: 'UPDATE "users" SET n = 1 WHERE id = ?' },
        ],
      }),
    ).toEqual([
      { action: 'dynamodb:PartiQLInsert', resources: [arn('orders')] },
      { action: 'dynamodb:PartiQLUpdate', resources: [arn('users')] },
    ]);
  });

  it('account-wide operations need their action on *', () => {
    expect(needs('ListTables', {})).toEqual([{ action: 'dynamodb:ListTables', resources: ['*'] }]);
  });
});
