import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

/** One email to send. */
export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

/** Sends an email. The handlers get SES; tests may inject their own. */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/** The variable that names the verified identity the welcome email is sent from. */
export const EMAIL_SENDER_VARIABLE = 'USER_SYSTEM_EMAIL_SENDER';

/**
 * Sends through Amazon SES (v2 `SendEmail`) from `from`, by default the address the deployment
 * verified and put in `USER_SYSTEM_EMAIL_SENDER`. The client is built on first use, so importing
 * the handlers (as `infra/app.ts` does) needs no AWS configuration.
 */
export function sesEmailSender(options: { from?: string; client?: SESv2Client } = {}): EmailSender {
  let client = options.client;
  return {
    async send({ to, subject, body }) {
      const from = options.from ?? process.env[EMAIL_SENDER_VARIABLE];
      if (!from) throw new Error(`${EMAIL_SENDER_VARIABLE} is not set: no address to send from`);
      client ??= new SESv2Client({});
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [to] },
          Content: {
            Simple: {
              Subject: { Data: subject, Charset: 'UTF-8' },
              Body: { Text: { Data: body, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    },
  };
}
