import type { SentEmailView } from '../services/ses/protocol/sent-emails-route.js';
import { SENT_EMAILS_PATH } from '../services/ses/protocol/sent-emails-route.js';
import { CliUsageError } from './errors.js';
import { type CliOutput, columns } from './output.js';

export interface EmailsCommandOptions {
  readonly endpoint: string;
  /** Print the sandbox's answer as JSON instead of a table. */
  readonly json: boolean;
}

/** `davinci-sandbox emails`: the emails a running sandbox's SES has sent, oldest first. */
export async function emailsCommand(
  options: EmailsCommandOptions,
  output: CliOutput,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(new URL(SENT_EMAILS_PATH, options.endpoint));
  } catch (error) {
    throw new CliUsageError(
      `no sandbox answers at ${options.endpoint} (${(error as Error).message}); start one with \`davinci-sandbox start\``,
    );
  }
  const body = (await response.json().catch(() => undefined)) as
    | { messages?: unknown; message?: string }
    | undefined;
  if (!response.ok || !Array.isArray(body?.messages)) {
    throw new CliUsageError(
      `${options.endpoint} answered ${response.status} to ${SENT_EMAILS_PATH}${body?.message ? `: ${body.message}` : ''}; is it a davinci sandbox?`,
    );
  }
  const messages = body.messages as SentEmailView[];
  if (options.json) {
    output.line(JSON.stringify({ messages }, null, 2));
    return;
  }
  for (const line of emailsTable(messages)) output.line(line);
}

/** The emails as a table: when, from, to (with Cc and Bcc), subject; then how many. */
export function emailsTable(messages: readonly SentEmailView[]): string[] {
  if (messages.length === 0) return ['no emails sent'];
  const rows = messages.map((message) => [
    message.Timestamp,
    message.Source,
    recipients(message),
    message.Subject ?? '',
  ]);
  return [...columns(['SENT', 'FROM', 'TO', 'SUBJECT'], rows), `${messages.length} email(s)`];
}

function recipients(message: SentEmailView): string {
  const { ToAddresses = [], CcAddresses = [], BccAddresses = [] } = message.Destination ?? {};
  return [
    ...ToAddresses,
    ...CcAddresses.map((address) => `cc:${address}`),
    ...BccAddresses.map((address) => `bcc:${address}`),
  ].join(', ');
}
