import type { EdgeAuthorizer } from '../edge/server.js';
import type { IamAuthorizer } from './authorizer.js';

/** A presigned URL carries its credential in the query string. */
function queryOf(url: string): URLSearchParams | undefined {
  return url.includes('X-Amz-Credential') ? new URL(url, 'http://sandbox').searchParams : undefined;
}

/**
 * The edge's view of the sandbox's IAM: requests of the sandbox's own credentials pass untouched
 * (and stream); a function's request is checked against what the service says it needs.
 */
export function edgeAuthorizer(authorizer: IamAuthorizer): EdgeAuthorizer {
  return {
    restricted: (headers, url) => authorizer.restricted(headers, queryOf(url)),
    check: (service, request) =>
      authorizer.authorizeCall(
        authorizer.identify(request.headers, request.query),
        service.permissions?.(request),
      ),
  };
}
