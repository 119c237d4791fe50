import { bareAddress, isDomainName } from '../models/addresses.js';
import type { EmailIdentity } from '../models/identities.js';
import { jsonBody, requiredString, sesErrors, shortened } from '../protocol/rest-json.js';
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

/** GET /v2/email/identities, a page at a time (`NextToken` is the next page's first index). */
export const listEmailIdentities: SesOperation = (context, request) => {
  const sizeText = request.query.get('PageSize');
  const pageSize = sizeText === null ? PAGE_SIZE.default : Number(sizeText);
  if (!Number.isInteger(pageSize) || pageSize < PAGE_SIZE.min || pageSize > PAGE_SIZE.max) {
    throw sesErrors.badRequest(
      `PageSize must be a whole number from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}.`,
    );
  }
  const token = request.query.get('NextToken');
  const start = token === null ? 0 : Number(token);
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
