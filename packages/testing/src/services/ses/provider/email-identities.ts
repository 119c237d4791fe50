import { bareAddress, isDomainName } from '../models/addresses.js';
import type { EmailIdentity } from '../models/identities.js';
import { jsonBody, member, requiredString, sesErrors, shortened } from '../protocol/rest-json.js';
import type { SesOperation } from './context.js';

/** ListEmailIdentities' page size: 1 to 1000, 100 unless asked. */
const PAGE_SIZE = { min: 1, max: 1000, default: 100 } as const;

/** An identity's name must be an address or a domain. */
export function checkIdentityName(name: string): string {
  const valid = name.includes('@') ? bareAddress(name) === name : isDomainName(name);
  if (!valid) throw sesErrors.badRequest(`Invalid email identity ${shortened(name)}.`);
  return name;
}

/** POST /v2/email/identities: the identity is verified at once (there is no inbox to click in). */
export const createEmailIdentity: SesOperation = (context, request) => {
  const name = checkIdentityName(
    requiredString(jsonBody(request), 'EmailIdentity', 'emailIdentity'),
  );
  if (!context.identities.add(name)) {
    throw sesErrors.alreadyExists(`Email identity ${shortened(name)} already exists.`);
  }
  const identity = context.identities.get(name) as EmailIdentity;
  return {
    IdentityType: identity.type,
    VerifiedForSendingStatus: true,
    DkimAttributes: dkimAttributes(identity),
  };
};

/** GET /v2/email/identities/{EmailIdentity} */
export const getEmailIdentity: SesOperation = (context, _request, [name = '']) => {
  const identity = existing(context.identities.get(name), name);
  return {
    IdentityType: identity.type,
    FeedbackForwardingStatus: true,
    VerifiedForSendingStatus: true,
    VerificationStatus: 'SUCCESS',
    DkimAttributes: dkimAttributes(identity),
    Policies: {},
    Tags: [],
  };
};

/** DELETE /v2/email/identities/{EmailIdentity} */
export const deleteEmailIdentity: SesOperation = (context, _request, [name = '']) => {
  existing(context.identities.get(name), name);
  context.identities.remove(name);
  return {};
};

/**
 * ListEmailIdentities, a page at a time (`NextToken` is the next page's first index): SDKs POST
 * /v2/email/list-identities with `PageSize` and `NextToken` in the body, older ones GET
 * /v2/email/identities with them in the query. A `Filter` is not applied.
 */
export const listEmailIdentities: SesOperation = (context, request) => {
  const input = request.method === 'POST' ? jsonBody(request) : {};
  const parameter = (name: string): unknown =>
    request.method === 'POST' ? member(input, name) : (request.query.get(name) ?? undefined);
  const sizeValue = parameter('PageSize');
  const pageSize = isAbsent(sizeValue) ? PAGE_SIZE.default : Number(scalar(sizeValue));
  if (!Number.isInteger(pageSize) || pageSize < PAGE_SIZE.min || pageSize > PAGE_SIZE.max) {
    throw sesErrors.badRequest(
      `PageSize must be a whole number from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}.`,
    );
  }
  const token = parameter('NextToken');
  const start = isAbsent(token) ? 0 : Number(scalar(token));
  if (!Number.isInteger(start) || start < 0) {
    throw sesErrors.badRequest('The NextToken is invalid.');
  }
  const all = context.identities.list();
  const page = all.slice(start, start + pageSize);
  return {
    EmailIdentities: page.map((identity) => ({
      IdentityType: identity.type,
      IdentityName: identity.name,
      SendingEnabled: true,
      VerificationStatus: 'SUCCESS',
    })),
    ...(start + pageSize < all.length && { NextToken: String(start + pageSize) }),
  };
};

const isAbsent = (value: unknown) => value === undefined || value === null;

/** A number or its text; anything else reads as NaN, which no check passes. */
const scalar = (value: unknown) =>
  typeof value === 'number' || typeof value === 'string' ? value : Number.NaN;

function existing(identity: EmailIdentity | undefined, name: string): EmailIdentity {
  if (!identity) throw sesErrors.notFound(`Email identity ${shortened(name)} does not exist.`);
  return identity;
}

function dkimAttributes(identity: EmailIdentity) {
  return identity.type === 'DOMAIN'
    ? {
        SigningEnabled: true,
        Status: 'SUCCESS',
        Tokens: identity.dkimTokens,
        SigningAttributesOrigin: 'AWS_SES',
      }
    : { SigningEnabled: false, Status: 'NOT_STARTED', Tokens: [] };
}
