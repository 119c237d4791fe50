import { TemplateError } from '../errors.js';
import type { ResourceProvider } from './provider.js';

/**
 * AWS::SES::EmailIdentity: an address or domain senders are verified by (at once, here). `Ref` is
 * the identity; a domain's `Fn::GetAtt` gives Easy DKIM's three CNAME records
 * (`DkimDNSTokenName1`…`3`, `DkimDNSTokenValue1`…`3`). DKIM, feedback, MAIL FROM and
 * configuration-set properties are kept in the template only.
 */
export const sesEmailIdentity: ResourceProvider = {
  effect: 'created',
  replaceOn: ['EmailIdentity'],
  async create(properties, context) {
    const identity = properties.EmailIdentity;
    if (typeof identity !== 'string' || identity === '') {
      throw new TemplateError(
        `Resources.${context.logicalId}.Properties.EmailIdentity`,
        'is required: an email address or a domain',
      );
    }
    const created = await context.api.call('ses', 'CreateEmailIdentity', {
      EmailIdentity: identity,
    });
    const tokens = ((created.DkimAttributes as { Tokens?: unknown } | undefined)?.Tokens ??
      []) as unknown[];
    const attributes: Record<string, string> = {};
    if (created.IdentityType === 'DOMAIN') {
      tokens.slice(0, 3).forEach((token, index) => {
        attributes[`DkimDNSTokenName${index + 1}`] = `${String(token)}._domainkey.${identity}`;
        attributes[`DkimDNSTokenValue${index + 1}`] = `${String(token)}.dkim.amazonses.com`;
      });
    }
    return { physicalId: identity, attributes };
  },
  async update(previous) {
    return previous;
  },
  async delete(state, context) {
    await context.api.call('ses', 'DeleteEmailIdentity', { EmailIdentity: state.physicalId });
  },
};
