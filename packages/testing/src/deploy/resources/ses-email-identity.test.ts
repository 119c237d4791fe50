import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox.js';

let sandbox: Sandbox;
let ses: SESv2Client;
const root = mkdtempSync(join(tmpdir(), 'davinci-ses-identity-'));

beforeAll(async () => {
  sandbox = await startSandbox({ dynamodb: false });
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

function synthesize(): string {
  const app = new App({ outdir: join(root, 'mail') });
  const stack = new Stack(app, 'mail', { stackName: 'mail' });
  const domain = new EmailIdentity(stack, 'Domain', { identity: Identity.domain('shop.example') });
  const address = new EmailIdentity(stack, 'Support', {
    identity: Identity.email('support@help.example'),
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
  it('verifies the deployed identities, resolves Ref and the DKIM attributes, and destroy removes them', async () => {
    const { outputs, stacks } = await sandbox.deploy(synthesize());
    const mail = outputs.mail ?? {};
    expect(mail.DomainIdentity).toBe('shop.example');
    expect(mail.AddressIdentity).toBe('support@help.example');
    expect(mail.DkimName1).toMatch(/^[a-z0-9]{32}\._domainkey\.shop\.example$/);
    expect(mail.DkimValue3).toMatch(/^[a-z0-9]{32}\.dkim\.amazonses\.com$/);
    expect(stacks[0]?.resources.map((resource) => [resource.type, resource.physicalId])).toEqual([
      ['AWS::SES::EmailIdentity', 'shop.example'],
      ['AWS::SES::EmailIdentity', 'support@help.example'],
    ]);

    await send('orders@shop.example');
    await send('support@help.example');
    expect(sandbox.ses.messages().map((message) => message.from)).toEqual([
      'orders@shop.example',
      'support@help.example',
    ]);

    await sandbox.destroy('mail');
    const refused = await send('orders@shop.example').catch((error: Error) => error);
    expect((refused as Error).name).toBe('MessageRejected');
  });
});
