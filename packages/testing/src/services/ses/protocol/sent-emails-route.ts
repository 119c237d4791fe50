import type { ServiceRequest, ServiceResponse } from '../../../edge/service.js';
import { ServiceError } from '../../../edge/service-error.js';
import { bareAddress } from '../models/addresses.js';
import type { Outbox, SentEmail } from '../models/outbox.js';
import { sesErrorResponse, sesResponse } from './rest-json.js';

/**
 * `GET /_aws/ses`: the sent emails in the shape LocalStack's endpoint of that path answers, so
 * tools written against it read the sandbox's too. `?id=` picks one message, `?email=` the
 * messages from one sender. `DELETE /_aws/ses` forgets them all, or only `?id=`.
 */
export const SENT_EMAILS_PATH = '/_aws/ses';

/** One message in LocalStack's shape. */
export interface SentEmailView {
  readonly Id: string;
  readonly Region: string;
  readonly Destination: {
    readonly ToAddresses: readonly string[];
    readonly CcAddresses: readonly string[];
    readonly BccAddresses: readonly string[];
  };
  readonly Source: string;
  readonly Subject?: string;
  readonly Body?: { readonly text_part: string | null; readonly html_part: string | null };
  readonly RawData?: string;
  /** ISO 8601, on the sandbox clock. */
  readonly Timestamp: string;
}

/** The longest `id` or `email` filter taken; longer ones are no id or address of ours. */
const MAX_FILTER_LENGTH = 1_024;

export const isSentEmailsRequest = (request: ServiceRequest): boolean =>
  request.path === SENT_EMAILS_PATH || request.path === `${SENT_EMAILS_PATH}/`;

export function sentEmailsResponse(
  request: ServiceRequest,
  outbox: Outbox,
  region: string,
): ServiceResponse {
  try {
    const id = filter(request, 'id');
    const email = filter(request, 'email');
    const matches = (message: SentEmail) =>
      (id === undefined || message.messageId === id) &&
      (email === undefined ||
        (bareAddress(message.from) ?? message.from).toLowerCase() === email.toLowerCase());
    if (request.method === 'GET') {
      return sesResponse({
        messages: outbox
          .messages()
          .filter(matches)
          .map((message) => view(message, region)),
      });
    }
    if (request.method === 'DELETE') {
      outbox.clear((message) => !matches(message));
      return { status: 204, headers: {}, body: '' };
    }
    throw new ServiceError('MethodNotAllowed', `${SENT_EMAILS_PATH} takes GET or DELETE`, {
      status: 405,
    });
  } catch (error) {
    if (error instanceof ServiceError) return sesErrorResponse(error);
    throw error;
  }
}

function filter(request: ServiceRequest, name: string): string | undefined {
  const values = request.query.getAll(name);
  if (values.length === 0) return undefined;
  const [value = ''] = values;
  if (values.length > 1 || value.length > MAX_FILTER_LENGTH) {
    throw new ServiceError(
      'ValidationException',
      `${name}: give it once, at most ${MAX_FILTER_LENGTH} characters long`,
    );
  }
  return value;
}

export function view(message: SentEmail, region: string): SentEmailView {
  const simple = message.raw === undefined;
  return {
    Id: message.messageId,
    Region: region,
    Destination: {
      ToAddresses: message.to,
      CcAddresses: message.cc,
      BccAddresses: message.bcc,
    },
    Source: message.from,
    ...(message.subject !== undefined && { Subject: message.subject }),
    ...(simple && { Body: { text_part: message.text ?? null, html_part: message.html ?? null } }),
    ...(message.raw !== undefined && { RawData: message.raw }),
    Timestamp: message.sentAt.toISOString(),
  };
}
