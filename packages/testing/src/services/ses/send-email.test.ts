import {
  type SESv2Client,
  SendEmailCommand,
  type SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox.js';
import { rejectionOf, startSesSandbox } from './__tests__/sandbox.js';
import { InvalidEmailIdentityError } from './errors.js';

let sandbox: Sandbox;
let ses: SESv2Client;
beforeAll(async () => {
  ({ sandbox, ses } = await startSesSandbox());
  sandbox.ses.verifyIdentity('noreply@shop.example');
});
afterAll(async () => {
  ses.destroy();
  await sandbox.stop();
});
beforeEach(() => sandbox.ses.clear());

const welcome = (overrides: Partial<SendEmailCommandInput> = {}): SendEmailCommandInput => ({
  FromEmailAddress: 'noreply@shop.example',
  Destination: { ToAddresses: ['ada@users.example'] },
  Content: {
    Simple: {
      Subject: { Data: 'Welcome' },
      Body: { Text: { Data: 'Hello Ada' }, Html: { Data: '<p>Hello Ada</p>' } },
    },
  },
  ...overrides,
});

describe('SendEmail', () => {
  it('records a simple email with its recipients, subject and bodies, and answers its id', async () => {
    const { MessageId } = await ses.send(
      new SendEmailCommand(
        welcome({
          Destination: {
            ToAddresses: ['ada@users.example'],
            CcAddresses: ['grace@users.example'],
            BccAddresses: ['audit@shop.example'],
          },
        }),
      ),
    );
    expect(MessageId).toMatch(/^0100[0-9a-f]{12}-[0-9a-f-]{36}-000000$/);
    const [message, ...others] = sandbox.ses.messages();
    expect(others).toEqual([]);
    expect(message).toEqual({
      messageId: MessageId,
      from: 'noreply@shop.example',
      to: ['ada@users.example'],
      cc: ['grace@users.example'],
      bcc: ['audit@shop.example'],
      subject: 'Welcome',
      text: 'Hello Ada',
      html: '<p>Hello Ada</p>',
      sentAt: expect.any(Date),
    });
  });

  it('keeps messages in send order, and clear() forgets them', async () => {
    for (const to of ['one@users.example', 'two@users.example']) {
      await ses.send(new SendEmailCommand(welcome({ Destination: { ToAddresses: [to] } })));
    }
    expect(sandbox.ses.messages().map((message) => message.to)).toEqual([
      ['one@users.example'],
      ['two@users.example'],
    ]);
    sandbox.ses.clear();
    expect(sandbox.ses.messages()).toEqual([]);
  });

  it('rejects an unverified sender as SES does, and records nothing', async () => {
    const error = await rejectionOf(
      ses.send(new SendEmailCommand(welcome({ FromEmailAddress: 'sales@other.example' }))),
    );
    expect(error.name).toBe('MessageRejected');
    expect(error.message).toBe(
      'Email address is not verified. The following identities failed the check in region US-EAST-1: sales@other.example',
    );
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(sandbox.ses.messages()).toEqual([]);
  });

  it('lets a verified domain send from any address at it and its subdomains, display names included', async () => {
    sandbox.ses.verifyIdentity('mail.example');
    for (const from of ['a@mail.example', 'B@Mail.Example', '"News" <news@eu.mail.example>']) {
      await ses.send(new SendEmailCommand(welcome({ FromEmailAddress: from })));
    }
    expect(sandbox.ses.messages().map((message) => message.from)).toEqual([
      'a@mail.example',
      'B@Mail.Example',
      '"News" <news@eu.mail.example>',
    ]);
    const error = await rejectionOf(
      ses.send(new SendEmailCommand(welcome({ FromEmailAddress: 'x@notmail.example' }))),
    );
    expect(error.name).toBe('MessageRejected');
  });

  it('stores raw content, reading sender, recipients and subject from its headers', async () => {
    const mime = [
      'From: noreply@shop.example',
      'To: ada@users.example, grace@users.example',
      'Subject: Your',
      ' receipt',
      'Content-Type: text/plain',
      '',
      'Thank you.',
    ].join('\r\n');
    const { MessageId } = await ses.send(
      new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(mime) } } }),
    );
    expect(sandbox.ses.messages()).toEqual([
      {
        messageId: MessageId,
        from: 'noreply@shop.example',
        to: ['ada@users.example', 'grace@users.example'],
        cc: [],
        bcc: [],
        subject: 'Your receipt',
        raw: mime,
        sentAt: expect.any(Date),
      },
    ]);
  });

  it('refuses a raw message without any sender', async () => {
    const error = await rejectionOf(
      ses.send(
        new SendEmailCommand({
          Destination: { ToAddresses: ['ada@users.example'] },
          Content: { Raw: { Data: Buffer.from('Subject: hi\r\n\r\nbody') } },
        }),
      ),
    );
    expect([error.name, error.message]).toEqual([
      'BadRequestException',
      "Missing required header 'From'.",
    ]);
  });

  it.each([
    ['Content', { Content: undefined }, "Value null at 'content'"],
    ['FromEmailAddress', { FromEmailAddress: undefined }, "Value null at 'fromEmailAddress'"],
    ['Destination', { Destination: undefined }, "Value null at 'destination'"],
  ])('answers a request without %s with BadRequestException', async (_field, overrides, value) => {
    const error = await rejectionOf(ses.send(new SendEmailCommand(welcome(overrides))));
    expect(error.name).toBe('BadRequestException');
    expect(error.message).toBe(
      `1 validation error detected: ${value} failed to satisfy constraint: Member must not be null`,
    );
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('answers no recipient, too many and a malformed one with BadRequestException', async () => {
    const cases: [SendEmailCommandInput['Destination'], string][] = [
      [
        { ToAddresses: [] },
        'Missing required field: the message needs at least one recipient in Destination (ToAddresses, CcAddresses or BccAddresses).',
      ],
      [
        { ToAddresses: Array.from({ length: 51 }, (_, index) => `u${index}@users.example`) },
        'Recipient count exceeds 50.',
      ],
      [{ ToAddresses: ['ada.users.example'] }, 'Invalid email address ada.users.example.'],
    ];
    for (const [Destination, message] of cases) {
      const error = await rejectionOf(ses.send(new SendEmailCommand(welcome({ Destination }))));
      expect([error.name, error.message]).toEqual(['BadRequestException', message]);
    }
    expect(sandbox.ses.messages()).toEqual([]);
  });
});

describe('refused recipients', () => {
  it('turns a refused recipient away with MessageRejected, records nothing, and accept() undoes it', async () => {
    sandbox.ses.refuse('poison@users.example');
    sandbox.ses.refuse('full@users.example', 'Mailbox full.');
    const poisoned = await rejectionOf(
      ses.send(
        new SendEmailCommand(
          welcome({
            Destination: {
              ToAddresses: ['ada@users.example'],
              BccAddresses: ['Poison@Users.Example'],
            },
          }),
        ),
      ),
    );
    expect([poisoned.name, poisoned.message]).toEqual(['MessageRejected', 'Address blacklisted.']);
    const full = await rejectionOf(
      ses.send(
        new SendEmailCommand(welcome({ Destination: { CcAddresses: ['full@users.example'] } })),
      ),
    );
    expect([full.name, full.message]).toEqual(['MessageRejected', 'Mailbox full.']);
    expect(sandbox.ses.messages()).toEqual([]);

    sandbox.ses.accept('poison@users.example');
    sandbox.ses.accept('full@users.example');
    await ses.send(
      new SendEmailCommand(
        welcome({ Destination: { ToAddresses: ['poison@users.example', 'full@users.example'] } }),
      ),
    );
    expect(sandbox.ses.messages().map((message) => message.to)).toEqual([
      ['poison@users.example', 'full@users.example'],
    ]);
  });
});

describe('verifyIdentity', () => {
  it('throws a typed error for text that is no address or domain', () => {
    expect(() => sandbox.ses.verifyIdentity('not an identity')).toThrow(InvalidEmailIdentityError);
    expect(() => sandbox.ses.verifyIdentity('localhost')).toThrow(
      'verifyIdentity: "localhost" is neither an email address (name@example.com) nor a domain (example.com)',
    );
  });
});
