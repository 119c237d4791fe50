import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Application } from '@davinci/cdk';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../infra/app.js';

// The synthesized template of the app as deployed: what the CDK makes of the same definitions the
// code uses.
let outdir: string;
let template: Template;
let app: Application;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'user-system-cdk-'));
  app = buildApp({ deploymentId: 'test', outdir });
  template = Template.fromStack(app.stack);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('user-system infrastructure', () => {
  it('creates the two tables and the idempotency table under the naming convention', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 3);
    for (const [name, key] of [
      ['user-system-test-users', 'user_id'],
      ['user-system-test-user_stats', 'stat_key'],
      ['user-system-test-davinci_idempotency', 'id'],
    ]) {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: name,
        KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      });
    }
  });

  it('subscribes each handler with its own rule, queue and dead-letter queue', () => {
    template.resourceCountIs('AWS::Events::Rule', 3);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['user.created'] },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['user.activated'] },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': [{ prefix: 'user.' }] },
    });
    // Per handler: its queue and one DLQ (which also takes the rule's failed deliveries).
    template.resourceCountIs('AWS::SQS::Queue', 6);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 3);
    template.allResourcesProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('gives the idempotency table to every handler, and the stats table only to those that count', () => {
    const variables = (handler: string) => {
      const [fn] = Object.values(
        template.findResources('AWS::Lambda::Function', {
          Properties: { Handler: `index.${handler}` },
        }),
      );
      return (fn?.Properties?.Environment?.Variables ?? {}) as Record<string, unknown>;
    };
    expect(variables('handleUserActivated')).toHaveProperty('DAVINCI_TABLE_DAVINCI_IDEMPOTENCY');
    expect(variables('handleAnyUserEvent')).toHaveProperty('DAVINCI_TABLE_DAVINCI_IDEMPOTENCY');
    expect(variables('handleUserCreated')).toHaveProperty('DAVINCI_TABLE_DAVINCI_IDEMPOTENCY');
    expect(variables('handleUserCreated')).not.toHaveProperty('DAVINCI_TABLE_USER_STATS');
    expect(variables('handleUserCreated')).toMatchObject({
      USER_SYSTEM_EMAIL_SENDER: 'welcome@user-system.example.com',
    });
  });

  it('lets only the welcome handler send email, from the one verified identity', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'welcome@user-system.example.com',
    });
    const sesStatements = Object.entries(template.findResources('AWS::IAM::Policy')).flatMap(
      ([id, policy]) =>
        (policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[])
          .filter((statement) => JSON.stringify(statement.Action).includes('ses:'))
          .map((statement) => ({ id, ...statement })),
    );
    expect(sesStatements).toHaveLength(1);
    expect(sesStatements[0]?.id).toMatch(/^HandleUserCreated/);
    expect(sesStatements[0]?.Action).toBe('ses:SendEmail');
    expect(JSON.stringify(sesStatements[0]?.Resource)).toContain(':identity/');
    expect(JSON.stringify(sesStatements[0]?.Resource)).not.toContain('*');
  });

  it('runs the functions on arm64 unless DAVINCI_ARCHITECTURE says x86_64', () => {
    const architectures = (template: Template) =>
      Object.values(template.findResources('AWS::Lambda::Function')).map(
        (fn) => fn.Properties.Architectures,
      );
    expect(new Set(architectures(template).map(String))).toEqual(new Set(['arm64']));
    process.env.DAVINCI_ARCHITECTURE = 'x86_64';
    try {
      const x86 = buildApp({ deploymentId: 'x86', outdir: join(outdir, 'x86') });
      expect(new Set(architectures(Template.fromStack(x86.stack)).map(String))).toEqual(
        new Set(['x86_64']),
      );
      process.env.DAVINCI_ARCHITECTURE = 'sparc';
      expect(() => buildApp({ deploymentId: 'bad', outdir: join(outdir, 'bad') })).toThrow(
        'DAVINCI_ARCHITECTURE must be arm64 or x86_64; got "sparc"',
      );
    } finally {
      delete process.env.DAVINCI_ARCHITECTURE;
    }
  });

  it('runs the handlers on Node.js 22 with the names they are exported under', () => {
    for (const handler of ['handleUserCreated', 'handleUserActivated', 'handleAnyUserEvent']) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: `index.${handler}`,
        Runtime: 'nodejs22.x',
        Environment: {
          Variables: Match.objectLike({
            DAVINCI_APP_NAME: 'user-system',
            DAVINCI_DEPLOYMENT_ID: 'test',
          }),
        },
      });
    }
  });

  it('passes the AwsSolutions checks', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(app);
    expect(report.violations).toEqual([]);
  });
});
