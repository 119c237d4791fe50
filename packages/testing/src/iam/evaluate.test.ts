import { describe, expect, it } from 'vitest';
import { type AuthorizationRequest, evaluatePolicies } from './evaluate.js';
import { parsePolicyDocument } from './policy-document.js';

const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/users';

function decide(document: unknown, request: Partial<AuthorizationRequest> & { action: string }) {
  return evaluatePolicies(parsePolicyDocument(document, 'test policy'), {
    resource: TABLE,
    context: {},
    ...request,
  }).decision;
}

describe('policy evaluation (cases from the IAM User Guide)', () => {
  it('denies what no statement allows', () => {
    expect(decide({ Statement: [] }, { action: 'dynamodb:GetItem' })).toBe('implicitDeny');
    expect(
      decide(
        { Statement: { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE } },
        { action: 'dynamodb:PutItem' },
      ),
    ).toBe('implicitDeny');
  });

  it('lets an explicit Deny win over an Allow, whatever their order', () => {
    const allowAll = { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' };
    const denyDelete = { Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: TABLE };
    expect(decide({ Statement: [allowAll, denyDelete] }, { action: 'dynamodb:DeleteItem' })).toBe(
      'explicitDeny',
    );
    expect(decide({ Statement: [denyDelete, allowAll] }, { action: 'dynamodb:DeleteItem' })).toBe(
      'explicitDeny',
    );
    expect(decide({ Statement: [denyDelete, allowAll] }, { action: 'dynamodb:GetItem' })).toBe(
      'allow',
    );
  });

  it('matches actions without regard to case, with * and ? wildcards', () => {
    const policy = (action: string) => ({
      Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
    });
    expect(decide(policy('dynamodb:Get*'), { action: 'dynamodb:GetItem' })).toBe('allow');
    expect(decide(policy('DynamoDB:getitem'), { action: 'dynamodb:GetItem' })).toBe('allow');
    expect(decide(policy('dynamodb:?etItem'), { action: 'dynamodb:GetItem' })).toBe('allow');
    expect(decide(policy('dynamodb:?etItem'), { action: 'dynamodb:PutItems' })).toBe(
      'implicitDeny',
    );
    expect(decide(policy('dynamodb:Get*'), { action: 'dynamodb:PutItem' })).toBe('implicitDeny');
    expect(decide(policy('*'), { action: 'sqs:SendMessage' })).toBe('allow');
  });

  it('matches resources case-sensitively, a * running across : and /', () => {
    const policy = (resource: string) => ({
      Statement: [{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: resource }],
    });
    const index = `${TABLE}/index/by-email`;
    expect(decide(policy(`${TABLE}/index/*`), { action: 'dynamodb:Query', resource: index })).toBe(
      'allow',
    );
    expect(decide(policy(TABLE), { action: 'dynamodb:Query', resource: index })).toBe(
      'implicitDeny',
    );
    expect(decide(policy('arn:aws:dynamodb:*:*:table/user?'), { action: 'dynamodb:Query' })).toBe(
      'allow',
    );
    expect(
      decide(policy('arn:aws:dynamodb:us-east-1:000000000000:table/USERS'), {
        action: 'dynamodb:Query',
      }),
    ).toBe('implicitDeny');
  });

  it('applies NotAction to every action but those listed', () => {
    // The guide's "allow everything but IAM" pattern, and a Deny of everything but a few reads.
    const allowAllButIam = { Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } };
    expect(decide(allowAllButIam, { action: 'dynamodb:PutItem' })).toBe('allow');
    expect(decide(allowAllButIam, { action: 'iam:CreateUser', resource: '*' })).toBe(
      'implicitDeny',
    );
    const denyAllButReads = {
      Statement: [
        { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
        { Effect: 'Deny', NotAction: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: '*' },
      ],
    };
    expect(decide(denyAllButReads, { action: 'dynamodb:GetItem' })).toBe('allow');
    expect(decide(denyAllButReads, { action: 'dynamodb:PutItem' })).toBe('explicitDeny');
  });

  it('applies NotResource to every resource but those listed', () => {
    const policy = {
      Statement: [
        { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
        { Effect: 'Deny', Action: 'dynamodb:*', NotResource: `${TABLE}*` },
      ],
    };
    expect(decide(policy, { action: 'dynamodb:PutItem' })).toBe('allow');
    expect(
      decide(policy, {
        action: 'dynamodb:PutItem',
        resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders',
      }),
    ).toBe('explicitDeny');
  });
});

describe('conditions', () => {
  const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:work';
  const RULE = 'arn:aws:events:us-east-1:000000000000:rule/bus/on-user';
  const queuePolicy = (condition: unknown) => ({
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: QUEUE,
        Condition: condition,
      },
    ],
  });
  const delivery = (context: Record<string, string | undefined>) => ({
    action: 'sqs:SendMessage',
    resource: QUEUE,
    context,
    principal: { service: 'events.amazonaws.com' },
  });

  it('ArnEquals and ArnLike compare aws:SourceArn part by part', () => {
    expect(
      decide(
        queuePolicy({ ArnEquals: { 'aws:SourceArn': RULE } }),
        delivery({ 'aws:sourcearn': RULE }),
      ),
    ).toBe('allow');
    expect(
      decide(
        queuePolicy({ ArnEquals: { 'aws:SourceArn': RULE } }),
        delivery({ 'aws:sourcearn': `${RULE}-other` }),
      ),
    ).toBe('implicitDeny');
    expect(
      decide(
        queuePolicy({ ArnLike: { 'aws:SourceArn': 'arn:aws:events:*:000000000000:rule/bus/*' } }),
        delivery({ 'aws:sourcearn': RULE }),
      ),
    ).toBe('allow');
    // A * of the region part does not run into the account.
    expect(
      decide(
        queuePolicy({ ArnLike: { 'aws:SourceArn': 'arn:aws:events:*:rule/bus/on-user' } }),
        delivery({ 'aws:sourcearn': RULE }),
      ),
    ).toBe('implicitDeny');
  });

  it('StringEquals and StringLike: any value of a key may match; every key must', () => {
    const both = {
      StringEquals: { 'aws:SourceAccount': ['111111111111', '000000000000'] },
      StringLike: { 'aws:SourceArn': 'arn:aws:events:*' },
    };
    expect(
      decide(
        queuePolicy(both),
        delivery({ 'aws:sourceaccount': '000000000000', 'aws:sourcearn': RULE }),
      ),
    ).toBe('allow');
    expect(
      decide(
        queuePolicy(both),
        delivery({ 'aws:sourceaccount': '222222222222', 'aws:sourcearn': RULE }),
      ),
    ).toBe('implicitDeny');
    expect(decide(queuePolicy(both), delivery({ 'aws:sourceaccount': '000000000000' }))).toBe(
      'implicitDeny',
    );
  });

  it('a negated operator holds for a key the request lacks; IfExists passes it too', () => {
    expect(
      decide(
        queuePolicy({ StringNotEquals: { 'aws:SourceAccount': '111111111111' } }),
        delivery({}),
      ),
    ).toBe('allow');
    expect(
      decide(queuePolicy({ ArnEqualsIfExists: { 'aws:SourceArn': RULE } }), delivery({})),
    ).toBe('allow');
    expect(decide(queuePolicy({ ArnEquals: { 'aws:SourceArn': RULE } }), delivery({}))).toBe(
      'implicitDeny',
    );
    expect(
      decide(
        queuePolicy({ ArnEqualsIfExists: { 'aws:SourceArn': RULE } }),
        delivery({ 'aws:sourcearn': `${RULE}2` }),
      ),
    ).toBe('implicitDeny');
  });

  it('Null tests whether the key is there; Bool compares true and false', () => {
    expect(
      decide(
        queuePolicy({ Null: { 'aws:SourceArn': 'false' } }),
        delivery({ 'aws:sourcearn': RULE }),
      ),
    ).toBe('allow');
    expect(decide(queuePolicy({ Null: { 'aws:SourceArn': 'false' } }), delivery({}))).toBe(
      'implicitDeny',
    );
    expect(decide(queuePolicy({ Null: { 'aws:SourceArn': 'true' } }), delivery({}))).toBe('allow');
    // The Deny a cdk-nag-clean queue carries: no request over plain HTTP.
    const enforceSsl = {
      Statement: [
        ...queuePolicy(undefined).Statement.map(({ Condition: _, ...statement }) => statement),
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'sqs:*',
          Resource: QUEUE,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    };
    expect(decide(enforceSsl, delivery({ 'aws:securetransport': 'true' }))).toBe('allow');
    expect(decide(enforceSsl, delivery({ 'aws:securetransport': 'false' }))).toBe('explicitDeny');
  });

  it('denies, naming it, a condition operator the sandbox does not evaluate', () => {
    const policy = queuePolicy({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } });
    expect(
      evaluatePolicies(parsePolicyDocument(policy, 'p'), delivery({ 'aws:sourcearn': RULE })),
    ).toEqual({ decision: 'unsupportedCondition', operator: 'NumericLessThan' });
    expect(
      evaluatePolicies(
        parsePolicyDocument(
          queuePolicy({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'a' } }),
          'p',
        ),
        delivery({}),
      ),
    ).toEqual({ decision: 'unsupportedCondition', operator: 'ForAnyValue:StringEquals' });
  });

  it('a resource policy applies only to the principals it names', () => {
    expect(
      decide(queuePolicy(undefined), {
        ...delivery({}),
        principal: { service: 'sns.amazonaws.com' },
      }),
    ).toBe('implicitDeny');
    expect(decide(queuePolicy(undefined), delivery({}))).toBe('allow');
  });
});
