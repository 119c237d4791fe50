import {
  CreateEmailIdentityCommand,
  DeleteEmailIdentityCommand,
  GetEmailIdentityCommand,
  ListEmailIdentitiesCommand,
  type SESv2Client,
  SendEmailCommand,
} from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox.js';
import { rejectionOf, startSesSandbox } from './__tests__/sandbox.js';

let sandbox: Sandbox;
let ses: SESv2Client;
beforeAll(async () => {
  ({ sandbox, ses } = await startSesSandbox());
});
afterAll(async () => {
  ses.destroy();
  await sandbox.stop();
});

const send = (from: string) =>
  ses.send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: ['someone@users.example'] },
      Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
    }),
  );

describe('email identities', () => {
  it('creates a domain identity, verified at once, with Easy DKIM tokens, and its addresses can send', async () => {
    const created = await ses.send(
      new CreateEmailIdentityCommand({ EmailIdentity: 'orders.example' }),
    );
    expect(created.IdentityType).toBe('DOMAIN');
    expect(created.VerifiedForSendingStatus).toBe(true);
    expect(created.DkimAttributes?.Status).toBe('SUCCESS');
    expect(created.DkimAttributes?.Tokens).toHaveLength(3);
    for (const token of created.DkimAttributes?.Tokens ?? [])
      expect(token).toMatch(/^[a-z0-9]{32}$/);

    const got = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: 'orders.example' }));
    expect(got).toMatchObject({
      IdentityType: 'DOMAIN',
      VerifiedForSendingStatus: true,
      VerificationStatus: 'SUCCESS',
      DkimAttributes: { Tokens: created.DkimAttributes?.Tokens },
    });
    await send('anyone@orders.example');
    expect(sandbox.ses.messages().at(-1)?.from).toBe('anyone@orders.example');
  });

  it('creates an address identity, lists identities in pages, and deleting one stops its sends', async () => {
    const created = await ses.send(
      new CreateEmailIdentityCommand({ EmailIdentity: 'me@solo.example' }),
    );
    expect(created.IdentityType).toBe('EMAIL_ADDRESS');
    await send('me@solo.example');
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'zeta.example' }));

    const first = await ses.send(new ListEmailIdentitiesCommand({ PageSize: 2 }));
    expect(first.EmailIdentities?.map((identity) => identity.IdentityName)).toEqual([
      'me@solo.example',
      'orders.example',
    ]);
    const second = await ses.send(
      new ListEmailIdentitiesCommand({ PageSize: 2, NextToken: first.NextToken }),
    );
    expect(second.EmailIdentities).toEqual([
      {
        IdentityType: 'DOMAIN',
        IdentityName: 'zeta.example',
        SendingEnabled: true,
        VerificationStatus: 'SUCCESS',
      },
    ]);
    expect(second.NextToken).toBeUndefined();

    await ses.send(new DeleteEmailIdentityCommand({ EmailIdentity: 'me@solo.example' }));
    const error = await rejectionOf(send('me@solo.example'));
    expect(error.name).toBe('MessageRejected');
  });

  it('answers a missing identity with NotFoundException and a second create with AlreadyExistsException', async () => {
    const missing = await rejectionOf(
      ses.send(new GetEmailIdentityCommand({ EmailIdentity: 'nobody@nowhere.example' })),
    );
    expect([missing.name, missing.message, missing.$metadata?.httpStatusCode]).toEqual([
      'NotFoundException',
      'Email identity nobody@nowhere.example does not exist.',
      404,
    ]);
    const deleting = await rejectionOf(
      ses.send(new DeleteEmailIdentityCommand({ EmailIdentity: 'nowhere.example' })),
    );
    expect(deleting.name).toBe('NotFoundException');
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'twice.example' }));
    const again = await rejectionOf(
      ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'Twice.Example' })),
    );
    expect([again.name, again.message]).toEqual([
      'AlreadyExistsException',
      'Email identity Twice.Example already exists.',
    ]);
  });

  it('also lists on the older GET /v2/email/identities, with PageSize in the query', async () => {
    const response = await fetch(`${sandbox.endpoint}/v2/email/identities?PageSize=1`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      EmailIdentities: { IdentityName: string }[];
      NextToken?: string;
    };
    expect(body.EmailIdentities.map((identity) => identity.IdentityName)).toEqual([
      'orders.example',
    ]);
    expect(body.NextToken).toBe('1');
    const tooLarge = await fetch(`${sandbox.endpoint}/v2/email/identities?PageSize=1001`);
    expect([tooLarge.status, tooLarge.headers.get('x-amzn-errortype')]).toEqual([
      400,
      'BadRequestException',
    ]);
  });

  it('refuses names that are neither an address nor a domain', async () => {
    for (const name of ['no-dot', 'two@@at.example', 'space in.example']) {
      const error = await rejectionOf(
        ses.send(new CreateEmailIdentityCommand({ EmailIdentity: name })),
      );
      expect([error.name, error.message]).toEqual([
        'BadRequestException',
        `Invalid email identity ${name}.`,
      ]);
    }
  });
});
