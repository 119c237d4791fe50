import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox.js';

let sandbox: Sandbox;
let ses: SESv2Client;
const root = mkdtempSync(join(tmpdir(), 'davinci-ses-identity-'));

beforeAll(async () => {
  // About identities, not grants: the inline function has no SES grant, which IAM would refuse.
  sandbox = await startSandbox({ dynamodb: false, iam: 'off' });
  ses = new SESv2Client({
    endpoint: sandbox.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  ses.destroy();
  await sandbox.stop();
  rmSync(root, { recursive: true, force: true });
});

const WELCOME = `
const { SESv2Client, SendEmailCommand } = require('@aws-sdk/client-sesv2');
const ses = new SESv2Client({});
exports.handler = async (event) => {
  const { MessageId } = await ses.send(new SendEmailCommand({
    FromEmailAddress: 'welcome@shop.example',
    Destination: { ToAddresses: [event.to] },
    Content: { Simple: { Subject: { Data: 'Welcome' }, Body: { Text: { Data: 'Hello ' + event.name } } } },
  }));
  return { MessageId };
};`;

function synthesize(): string {
  const app = new App({ outdir: join(root, 'mail') });
  const stack = new Stack(app, 'mail', { stackName: 'mail' });
  const domain = new EmailIdentity(stack, 'Domain', { identity: Identity.domain('shop.example') });
  const address = new EmailIdentity(stack, 'Support', {
    identity: Identity.email('support@help.example'),
  });
  // A function that mails as the app's would: its SDK client finds the sandbox by the environment.
  new LambdaFunction(stack, 'Welcome', {
    functionName: 'mail-welcome',
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline(WELCOME),
  });
  new CfnOutput(stack, 'DomainIdentity', { value: domain.emailIdentityName });
  new CfnOutput(stack, 'AddressIdentity', { value: address.emailIdentityName });
  new CfnOutput(stack, 'DkimName1', { value: domain.dkimDnsTokenName1 });
  new CfnOutput(stack, 'DkimValue3', { value: domain.dkimDnsTokenValue3 });
  return app.synth().directory;
}

const send = (from: string) =>
  ses.send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: ['ada@users.example'] },
      Content: { Simple: { Subject: { Data: 'Hi' }, Body: { Text: { Data: 'Hello' } } } },
    }),
  );

describe('AWS::SES::EmailIdentity', () => {
  it('verifies the deployed identities for the app and its functions, resolves Ref and the DKIM attributes, and destroy removes them', async () => {
    const { outputs, stacks } = await sandbox.deploy(synthesize());
    const mail = outputs.mail ?? {};
    expect(mail.DomainIdentity).toBe('shop.example');
    expect(mail.AddressIdentity).toBe('support@help.example');
    expect(mail.DkimName1).toMatch(/^[a-z0-9]{32}\._domainkey\.shop\.example$/);
    expect(mail.DkimValue3).toMatch(/^[a-z0-9]{32}\.dkim\.amazonses\.com$/);
    expect(
      stacks[0]?.resources
        .filter((resource) => resource.type === 'AWS::SES::EmailIdentity')
        .map((resource) => resource.physicalId),
    ).toEqual(['shop.example', 'support@help.example']);

    await send('orders@shop.example');
    await send('support@help.example');
    expect(sandbox.ses.messages().map((message) => message.from)).toEqual([
      'orders@shop.example',
      'support@help.example',
    ]);

    const invoked = await sandbox.lambda.invoke('mail-welcome', {
      to: 'ada@users.example',
      name: 'Ada',
    });
    expect(invoked.ok).toBe(true);
    const welcome = sandbox.ses.messages().at(-1);
    expect(invoked.ok && invoked.result).toEqual({ MessageId: welcome?.messageId });
    expect([welcome?.from, welcome?.to, welcome?.text]).toEqual([
      'welcome@shop.example',
      ['ada@users.example'],
      'Hello Ada',
    ]);

    await sandbox.destroy('mail');
    const refused = await send('orders@shop.example').catch((error: Error) => error);
    expect((refused as Error).name).toBe('MessageRejected');
  });
});
