import { describe, expect, it } from 'vitest';
import { IamAuthorizer } from './authorizer.js';
import type { IamMode } from './denials.js';
import { IamRegistry } from './registry.js';

const ROLE_ARN = 'arn:aws:iam::000000000000:role/sender-role';
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:outbox';
const SEND = [{ action: 'sqs:SendMessage', resources: [QUEUE] }];

function setup(mode: IamMode, queuePolicy?: unknown, rolePolicy?: unknown) {
  const registry = new IamRegistry();
  registry.putRole(
    'sender-role',
    rolePolicy ? { Policies: [{ PolicyName: 'p', PolicyDocument: rolePolicy }] } : {},
    ROLE_ARN,
  );
  const credentials = registry.putFunction({
    functionName: 'sender',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:sender',
    roleArn: ROLE_ARN,
    environment: {},
  });
  const lines: string[] = [];
  // The queue's `Policy` attribute, which a test may change as SetQueueAttributes would.
  const queue = { policy: queuePolicy === undefined ? undefined : JSON.stringify(queuePolicy) };
  const authorizer = new IamAuthorizer({
    mode,
    registry,
    accountId: '000000000000',
    ownAccessKeyIds: new Set(['sandbox', 'test']),
    now: () => 0,
    print: (line) => lines.push(line),
    queuePolicy: () => queue.policy,
  });
  const signedBy = (accessKeyId: string) => ({
    authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261207/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0`,
  });
  return { authorizer, lines, fn: signedBy(credentials.accessKeyId), signedBy, registry, queue };
}

describe('IamAuthorizer', () => {
  it("takes the sandbox's own keys and unsigned requests as unrestricted", () => {
    const { authorizer, signedBy } = setup('enforce');
    expect(authorizer.identify(signedBy('sandbox'))).toEqual({ kind: 'own' });
    expect(authorizer.identify(signedBy('test'))).toEqual({ kind: 'own' });
    expect(authorizer.identify({})).toEqual({ kind: 'own' });
    expect(authorizer.identify(signedBy('AKIAOTHER'))).toEqual({
      kind: 'unknown',
      accessKeyId: 'AKIAOTHER',
    });
  });

  it('refuses unknown keys as AWS does', () => {
    const { authorizer, signedBy } = setup('enforce');
    expect(authorizer.authorizeCall(authorizer.identify(signedBy('AKIAOTHER')), SEND)).toEqual({
      kind: 'unrecognizedClient',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('denies what the role does not allow, and prints it once', () => {
    const { authorizer, lines, fn } = setup('enforce');
    const caller = authorizer.identify(fn);
    const expected = {
      kind: 'accessDenied',
      message: `User: arn:aws:sts::000000000000:assumed-role/sender-role/sender is not authorized to perform: sqs:SendMessage on resource: ${QUEUE} because no identity-based policy allows the sqs:SendMessage action`,
    };
    expect(authorizer.authorizeCall(caller, SEND)).toEqual(expected);
    expect(authorizer.authorizeCall(caller, SEND)).toEqual(expected);
    expect(lines).toEqual([
      `[sandbox] IAM denied sender: sqs:SendMessage on ${QUEUE}; fix: allow sqs:SendMessage on ${QUEUE}`,
    ]);
    expect(authorizer.denials()).toHaveLength(2);
  });

  it("lets a queue policy that names the role allow, and its explicit Deny win over the role's Allow", () => {
    const allowRole = {
      Statement: [{ Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 'sqs:SendMessage' }],
    };
    const allowed = setup('enforce', allowRole);
    expect(allowed.authorizer.authorizeCall(allowed.authorizer.identify(allowed.fn), SEND)).toBe(
      undefined,
    );

    const denyOthers = {
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'sqs:*',
          Resource: QUEUE,
          Condition: { StringNotEquals: { 'aws:SourceAccount': '000000000000' } },
        },
      ],
    };
    const roleAllows = { Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] };
    const denied = setup('enforce', denyOthers, roleAllows);
    expect(
      denied.authorizer.authorizeCall(denied.authorizer.identify(denied.fn), SEND)?.message,
    ).toBe(
      `User: arn:aws:sts::000000000000:assumed-role/sender-role/sender is not authorized to perform: sqs:SendMessage on resource: ${QUEUE} with an explicit deny in a resource-based policy`,
    );
  });

  it('decides a repeated call again once the role, its policies or the queue policy change', () => {
    const { authorizer, fn, registry, queue } = setup('enforce');
    const caller = authorizer.identify(fn);
    const allowed = () => authorizer.authorizeCall(caller, SEND) === undefined;
    const grant = { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE }] };
    expect(allowed()).toBe(false);
    registry.putPolicy('grant', 'policy grant', grant, ['sender-role']);
    expect([allowed(), allowed()]).toEqual([true, true]);
    queue.policy = JSON.stringify({
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: QUEUE }],
    });
    expect(allowed()).toBe(false);
    queue.policy = undefined;
    expect(allowed()).toBe(true);
    registry.deletePolicy('grant');
    expect(allowed()).toBe(false);
    registry.putRole(
      'sender-role',
      { Policies: [{ PolicyName: 'p', PolicyDocument: grant }] },
      ROLE_ARN,
    );
    expect(allowed()).toBe(true);
    registry.deleteRole('sender-role');
    expect(allowed()).toBe(false);
  });

  it('in warn mode records and prints, and serves', () => {
    const { authorizer, lines, fn } = setup('warn');
    expect(authorizer.authorizeCall(authorizer.identify(fn), SEND)).toBeUndefined();
    expect(authorizer.denials()[0]).toMatchObject({ enforced: false, reason: 'implicitDeny' });
    expect(lines[0]).toBe(
      `[sandbox] IAM would deny (iam: warn) sender: sqs:SendMessage on ${QUEUE}; fix: allow sqs:SendMessage on ${QUEUE}`,
    );
  });

  it('in off mode takes everyone as the sandbox itself', () => {
    const { authorizer, fn } = setup('off');
    expect(authorizer.identify(fn)).toEqual({ kind: 'own' });
  });

  it("lets a function call nothing that has no IAM action (the sandbox's own routes)", () => {
    const { authorizer, fn } = setup('enforce');
    expect(authorizer.authorizeCall(authorizer.identify(fn), undefined)?.kind).toBe('accessDenied');
  });
});
