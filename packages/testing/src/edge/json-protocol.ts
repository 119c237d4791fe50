import { randomUUID } from 'node:crypto';
import type { ServiceResponse } from './service.js';
import type { ServiceError } from './service-error.js';

export const AWS_JSON_1_0 = 'application/x-amz-json-1.0';
export const AWS_JSON_1_1 = 'application/x-amz-json-1.1';

/** A successful JSON-protocol answer (`application/x-amz-json-1.0` or `1.1`). */
export function awsJsonResponse(body: unknown, contentType: string): ServiceResponse {
  return {
    status: 200,
    headers: { 'content-type': contentType, 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(body ?? {}),
  };
}

/**
 * An error as AWS's JSON protocols answer it: the exception name in the body's `__type` and in
 * `x-amzn-errortype`, from which SDK v3 and the AWS CLI both pick the exception class.
 */
export function awsJsonErrorResponse(
  error: ServiceError,
  contentType = AWS_JSON_1_1,
): ServiceResponse {
  return {
    status: error.status,
    headers: {
      'content-type': contentType,
      'x-amzn-requestid': randomUUID(),
      'x-amzn-errortype': error.code,
    },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

/**
 * An error of a "query compatible" JSON service (SQS): `__type` carries the shape with its
 * namespace, and `x-amzn-query-error: <queryCode>;<Sender|Receiver>` the query-protocol code,
 * from which SDK v3 picks the exception class (`AWS.SimpleQueueService.NonExistentQueue` →
 * QueueDoesNotExist).
 */
export function queryCompatibleJsonErrorResponse(
  error: ServiceError,
  protocol: { readonly contentType: string; readonly shapeNamespace: string },
): ServiceResponse {
  return {
    status: error.status,
    headers: {
      'content-type': protocol.contentType,
      'x-amzn-requestid': randomUUID(),
      'x-amzn-query-error': `${error.queryCode};${error.fault}`,
    },
    body: JSON.stringify({
      __type: `${protocol.shapeNamespace}#${error.code}`,
      message: error.message,
    }),
  };
}
