import { randomUUID } from 'node:crypto';
import { bareAddress } from '../models/addresses.js';
import type { EmailContent, SentEmail } from '../models/outbox.js';
import {
  type JsonObject,
  jsonBody,
  optionalObject,
  optionalString,
  requiredObject,
  requiredString,
  sesErrors,
  shortened,
  stringList,
} from '../protocol/rest-json.js';
import type { SesContext, SesOperation } from './context.js';
import { rawHeaders } from './raw-message.js';

/** SES's limit on the recipients of one message, To, Cc and Bcc together. */
export const MAX_RECIPIENTS = 50;

/** A SendEmail request, checked: who sends, to whom, and what. */
export interface OutgoingEmail extends EmailContent {
  /** The sender's bare address (without a display name). */
  readonly fromAddress: string;
  readonly configurationSetName?: string;
}

/**
 * POST /v2/email/outbound-emails. Checks the request as SES does, then that an identity verifies
 * the sender, then that no recipient is refused; only then is the email recorded.
 */
export const sendEmail: SesOperation = (context, request) => {
  const email = readOutgoingEmail(jsonBody(request));
  if (!context.identities.verifierOf(email.fromAddress)) {
    throw sesErrors.messageRejected(
      `Email address is not verified. The following identities failed the check in region ${context.region.toUpperCase()}: ${shortened(email.fromAddress)}`,
    );
  }
  for (const recipient of [...email.to, ...email.cc, ...email.bcc]) {
    const refusal = context.outbox.refusalOf(bareAddress(recipient) ?? recipient);
    if (refusal !== undefined) throw sesErrors.messageRejected(refusal);
  }
  const messageId = newMessageId(context);
  const sent: SentEmail = {
    messageId,
    from: email.from,
    to: email.to,
    cc: email.cc,
    bcc: email.bcc,
    ...(email.subject !== undefined && { subject: email.subject }),
    ...(email.text !== undefined && { text: email.text }),
    ...(email.html !== undefined && { html: email.html }),
    ...(email.raw !== undefined && { raw: email.raw }),
    sentAt: new Date(context.clock.now()),
  };
  context.outbox.record(sent);
  return { MessageId: messageId };
};

/** The request's email, or the BadRequestException SES answers it with. */
export function readOutgoingEmail(input: JsonObject): OutgoingEmail {
  const content = requiredObject(input, 'Content', 'content');
  const simple = optionalObject(content, 'Simple', 'content.simple');
  const raw = optionalObject(content, 'Raw', 'content.raw');
  const template = optionalObject(content, 'Template', 'content.template');
  const kinds = [simple, raw, template].filter((kind) => kind !== undefined).length;
  if (kinds !== 1) {
    throw sesErrors.badRequest(
      'Content must contain exactly one of Simple, Raw or Template content.',
    );
  }
  if (template) {
    throw sesErrors.badRequest("The sandbox's SES sends Simple and Raw content, not Template.");
  }
  const destination = optionalObject(input, 'Destination', 'destination');
  const configurationSetName = optionalString(
    input,
    'ConfigurationSetName',
    'configurationSetName',
  );
  let from = optionalString(input, 'FromEmailAddress', 'fromEmailAddress');
  let recipients: Pick<OutgoingEmail, 'to' | 'cc' | 'bcc'>;
  let body: Pick<OutgoingEmail, 'subject' | 'text' | 'html' | 'raw'>;
  if (raw) {
    const message = decodeRawData(requiredString(raw, 'Data', 'content.raw.data'));
    const headers = rawHeaders(message);
    from ??= headers.from;
    if (from === undefined) throw sesErrors.badRequest("Missing required header 'From'.");
    recipients = destination ? destinationOf(destination) : headers;
    body = { raw: message, ...(headers.subject !== undefined && { subject: headers.subject }) };
  } else {
    const message = simple as JsonObject;
    if (from === undefined) throw sesErrors.missing('fromEmailAddress');
    if (!destination) throw sesErrors.missing('destination');
    recipients = destinationOf(destination);
    body = simpleBody(message);
  }
  const fromAddress = bareAddress(from);
  if (fromAddress === undefined) throw invalidAddress(from);
  const all = [...recipients.to, ...recipients.cc, ...recipients.bcc];
  if (all.length === 0) {
    throw sesErrors.badRequest(
      'Missing required field: the message needs at least one recipient in Destination (ToAddresses, CcAddresses or BccAddresses).',
    );
  }
  if (all.length > MAX_RECIPIENTS) {
    throw sesErrors.badRequest(`Recipient count exceeds ${MAX_RECIPIENTS}.`);
  }
  const invalid = all.find((address) => bareAddress(address) === undefined);
  if (invalid !== undefined) throw invalidAddress(invalid);
  return {
    from,
    fromAddress,
    ...recipients,
    ...body,
    ...(configurationSetName !== undefined && { configurationSetName }),
  };
}

function destinationOf(destination: JsonObject): Pick<OutgoingEmail, 'to' | 'cc' | 'bcc'> {
  return {
    to: stringList(destination, 'ToAddresses', 'destination.toAddresses'),
    cc: stringList(destination, 'CcAddresses', 'destination.ccAddresses'),
    bcc: stringList(destination, 'BccAddresses', 'destination.bccAddresses'),
  };
}

function simpleBody(message: JsonObject): Pick<OutgoingEmail, 'subject' | 'text' | 'html'> {
  const subject = requiredObject(message, 'Subject', 'content.simple.subject');
  const body = requiredObject(message, 'Body', 'content.simple.body');
  const text = optionalObject(body, 'Text', 'content.simple.body.text');
  const html = optionalObject(body, 'Html', 'content.simple.body.html');
  if (!text && !html) {
    throw sesErrors.badRequest(
      "1 validation error detected: Value at 'content.simple.body' failed to satisfy constraint: Member must contain Text or Html",
    );
  }
  return {
    subject: requiredString(subject, 'Data', 'content.simple.subject.data'),
    ...(text && { text: requiredString(text, 'Data', 'content.simple.body.text.data') }),
    ...(html && { html: requiredString(html, 'Data', 'content.simple.body.html.data') }),
  };
}

/** Raw data is base64 on the wire (a blob); anything else is refused, not half-decoded. */
function decodeRawData(data: string): string {
  const compact = data.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw sesErrors.badRequest('Content.Raw.Data must be a base64-encoded MIME message.');
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

function invalidAddress(address: string) {
  return sesErrors.badRequest(`Invalid email address ${shortened(address)}.`);
}

/** An id shaped like SES's: `0100` + the send time in hex, a UUID, and `-000000`. */
function newMessageId(context: SesContext): string {
  return `0100${context.clock.now().toString(16).padStart(12, '0')}-${randomUUID()}-000000`;
}
