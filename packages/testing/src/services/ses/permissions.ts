import type { RequiredPermission, ServiceRequest } from '../../edge/service.js';
import type { IdentityStore } from './models/identities.js';
import { jsonBody, member } from './protocol/rest-json.js';
import { routeOf } from './provider/operations.js';
import { readOutgoingEmail } from './provider/send-email.js';

/**
 * What an SES v2 request needs from IAM. SendEmail needs `ses:SendEmail` on the identity that
 * verifies its sender (the address, or the domain that covers it; the address itself when none
 * does) and on its configuration set, if it names one. A request too malformed to name its
 * resources needs nothing: SES refuses it for what it is.
 */
export function sesPermissions(
  request: ServiceRequest,
  identities: IdentityStore,
  scope: { readonly region: string; readonly accountId: string },
): readonly RequiredPermission[] {
  const route = routeOf(request);
  if (!route) return [];
  const arn = (resource: string) => `arn:aws:ses:${scope.region}:${scope.accountId}:${resource}`;
  const action = `ses:${route.action}`;
  switch (route.action) {
    case 'SendEmail': {
      let email: ReturnType<typeof readOutgoingEmail>;
      try {
        email = readOutgoingEmail(jsonBody(request));
      } catch {
        return [];
      }
      const identity = identities.verifierOf(email.fromAddress)?.name ?? email.fromAddress;
      return [
        {
          action,
          resources: [
            arn(`identity/${identity}`),
            ...(email.configurationSetName !== undefined
              ? [arn(`configuration-set/${email.configurationSetName}`)]
              : []),
          ],
        },
      ];
    }
    case 'CreateEmailIdentity': {
      let name: unknown;
      try {
        name = member(jsonBody(request), 'EmailIdentity');
      } catch {
        return [];
      }
      return typeof name === 'string' ? [{ action, resources: [arn(`identity/${name}`)] }] : [];
    }
    case 'GetEmailIdentity':
    case 'DeleteEmailIdentity':
      return [{ action, resources: [arn(`identity/${route.pathParameters[0] ?? ''}`)] }];
    case 'ListEmailIdentities':
      return [{ action, resources: ['*'] }];
  }
}
