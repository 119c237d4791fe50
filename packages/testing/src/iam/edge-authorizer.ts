import type { EdgeAuthorizer } from '../edge/server.js';
import type { CallerIdentity, IamAuthorizer } from './authorizer.js';

/** A presigned URL carries its credential in the query string. */
function queryOf(url: string): URLSearchParams | undefined {
  return url.includes('X-Amz-Credential') ? new URL(url, 'http://sandbox').searchParams : undefined;
}

/**
 * The edge's view of the sandbox's IAM: requests of the sandbox's own credentials pass untouched
 * (and stream); a function's request is checked against what the service says it needs.
 */
export function edgeAuthorizer(authorizer: IamAuthorizer): EdgeAuthorizer {
  // Who signed, as `restricted` found it from the same headers object, so `check` need not ask again.
  const identities = new WeakMap<object, CallerIdentity>();
  return {
    restricted(headers, url) {
      const identity = authorizer.identify(headers, queryOf(url));
      identities.set(headers, identity);
      return identity.kind !== 'own';
    },
    issued: (headers) => identities.get(headers)?.kind === 'function',
    check: (service, request) =>
      authorizer.authorizeCall(
        identities.get(request.headers) ?? authorizer.identify(request.headers, request.query),
        service.permissions?.(request),
      ),
  };
}
