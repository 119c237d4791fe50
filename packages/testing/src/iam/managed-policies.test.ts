import { describe, expect, it } from 'vitest';
import { evaluatePolicies } from './evaluate.js';
import { IamRegistry } from './registry.js';

const ROLE_ARN = 'arn:aws:iam::000000000000:role/fn-role';
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:work';

function registryWith(managedPolicyArns: string[]) {
  const registry = new IamRegistry();
  registry.putRole('fn-role', { ManagedPolicyArns: managedPolicyArns }, ROLE_ARN);
  return registry;
}

const allowed = (registry: IamRegistry, action: string, resource = '*') =>
  evaluatePolicies(registry.statementsOfRole(ROLE_ARN), { action, resource, context: {} }).decision;

describe('AWS managed policies', () => {
  it('AWSLambdaBasicExecutionRole allows writing logs, and nothing else', () => {
    const registry = registryWith([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
    expect(allowed(registry, 'logs:CreateLogGroup')).toBe('allow');
    expect(allowed(registry, 'logs:CreateLogStream')).toBe('allow');
    expect(allowed(registry, 'logs:PutLogEvents')).toBe('allow');
    expect(allowed(registry, 'sqs:ReceiveMessage', QUEUE)).toBe('implicitDeny');
    expect(allowed(registry, 'dynamodb:GetItem')).toBe('implicitDeny');
    expect(registry.takeWarnings()).toEqual([]);
  });

  it('AWSLambdaSQSQueueExecutionRole allows polling any queue, and logs', () => {
    const registry = registryWith([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
    ]);
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']) {
      expect(allowed(registry, action, QUEUE)).toBe('allow');
    }
    expect(allowed(registry, 'logs:PutLogEvents')).toBe('allow');
    expect(allowed(registry, 'sqs:SendMessage', QUEUE)).toBe('implicitDeny');
  });

  it('warns about an AWS managed policy whose actions it does not know', () => {
    const registry = registryWith(['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
    expect(registry.takeWarnings()).toEqual([
      'role fn-role attaches the AWS managed policy arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess, whose actions the sandbox does not know: its calls are checked without it, so what it would allow is denied',
    ]);
    expect(allowed(registry, 's3:GetObject')).toBe('implicitDeny');
  });

  it("adds a stack's managed policy and its attached AWS::IAM::Policy to the role", () => {
    const registry = new IamRegistry();
    const managedArn = 'arn:aws:iam::000000000000:policy/readers';
    registry.putPolicy(
      'stack/Readers',
      'AWS::IAM::ManagedPolicy readers',
      { Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }] },
      [],
      managedArn,
    );
    registry.putRole('fn-role', { ManagedPolicyArns: [managedArn] }, ROLE_ARN);
    registry.putPolicy(
      'stack/Default',
      'AWS::IAM::Policy default',
      { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE }] },
      ['fn-role'],
    );
    expect(registry.takeWarnings()).toEqual([]);
    expect(allowed(registry, 'dynamodb:GetItem')).toBe('allow');
    expect(allowed(registry, 'sqs:SendMessage', QUEUE)).toBe('allow');
    registry.deletePolicy('stack/Default');
    expect(allowed(registry, 'sqs:SendMessage', QUEUE)).toBe('implicitDeny');
  });
});
