import type { ServiceRequest } from '../../../edge/service.js';
import type { SesOperation } from './context.js';
import {
  createEmailIdentity,
  deleteEmailIdentity,
  getEmailIdentity,
  listEmailIdentities,
} from './email-identities.js';
import { sendEmail } from './send-email.js';

/** The SES v2 operations the sandbox serves. */
export type SesAction =
  | 'SendEmail'
  | 'CreateEmailIdentity'
  | 'GetEmailIdentity'
  | 'DeleteEmailIdentity'
  | 'ListEmailIdentities';

interface Route {
  readonly action: SesAction;
  readonly method: string;
  /** The path, with `([^/]+)` for each path parameter. */
  readonly path: RegExp;
  readonly operation: SesOperation;
}

const ROUTES: readonly Route[] = [
  {
    action: 'SendEmail',
    method: 'POST',
    path: /^\/v2\/email\/outbound-emails\/?$/,
    operation: sendEmail,
  },
  {
    action: 'CreateEmailIdentity',
    method: 'POST',
    path: /^\/v2\/email\/identities\/?$/,
    operation: createEmailIdentity,
  },
  {
    action: 'ListEmailIdentities',
    method: 'POST',
    path: /^\/v2\/email\/list-identities\/?$/,
    operation: listEmailIdentities,
  },
  {
    action: 'ListEmailIdentities',
    method: 'GET',
    path: /^\/v2\/email\/identities\/?$/,
    operation: listEmailIdentities,
  },
  {
    action: 'GetEmailIdentity',
    method: 'GET',
    path: /^\/v2\/email\/identities\/([^/]+)$/,
    operation: getEmailIdentity,
  },
  {
    action: 'DeleteEmailIdentity',
    method: 'DELETE',
    path: /^\/v2\/email\/identities\/([^/]+)$/,
    operation: deleteEmailIdentity,
  },
];

/** A request's operation and its decoded path parameters, or undefined when none serves it. */
export interface RoutedRequest {
  readonly action: SesAction;
  readonly operation: SesOperation;
  readonly pathParameters: readonly string[];
}

export function routeOf(request: ServiceRequest): RoutedRequest | undefined {
  for (const route of ROUTES) {
    if (route.method !== request.method) continue;
    const match = route.path.exec(request.path);
    if (!match) continue;
    const pathParameters = match.slice(1).map(decodedSegment);
    if (pathParameters.some((parameter) => parameter === undefined)) return undefined;
    return {
      action: route.action,
      operation: route.operation,
      pathParameters: pathParameters as string[],
    };
  }
  return undefined;
}

function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
