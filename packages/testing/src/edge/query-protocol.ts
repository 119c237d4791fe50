import { randomUUID } from 'node:crypto';
import type { ServiceResponse } from './service.js';
import type { ServiceError } from './service-error.js';
import { escapeXml } from './xml-text.js';

/** The query protocol's answers are XML in the service's API namespace. */
export const QUERY_CONTENT_TYPE = 'text/xml';

/**
 * An error as the query protocol answers it (the AWS CLI's SQS): an `ErrorResponse` whose `Code`
 * is the query-protocol code and whose `Type` says who is at fault.
 */
export function queryErrorResponse(error: ServiceError, namespace: string): ServiceResponse {
  const requestId = randomUUID();
  return {
    status: error.status,
    headers: { 'content-type': QUERY_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body:
      `<?xml version="1.0"?><ErrorResponse xmlns="${namespace}"><Error>` +
      `<Type>${error.fault}</Type><Code>${escapeXml(error.queryCode)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message><Detail/></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
