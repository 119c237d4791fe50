import { randomUUID } from 'node:crypto';
import type { ServiceResponse } from './service.js';

/**
 * An error in the shape AWS's JSON protocols answer with: `__type` carries the exception name,
 * which the SDKs turn into the exception class (`ResourceNotFoundException`, …).
 */
export class AwsJsonError extends Error {
  override readonly name = 'AwsJsonError';
  constructor(
    /** The exception name AWS uses, e.g. `ResourceNotFoundException`. */
    readonly code: string,
    message: string,
    /** HTTP status; 400 for client errors, as AWS. */
    readonly status = 400,
  ) {
    super(message);
  }
}

/** A successful JSON-protocol answer (`application/x-amz-json-1.0` or `1.1`). */
export function awsJsonResponse(body: unknown, contentType: string): ServiceResponse {
  return {
    status: 200,
    headers: { 'content-type': contentType, 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(body ?? {}),
  };
}

/** An error answer that SDK v3 and the AWS CLI both parse (body `__type` and `x-amzn-errortype`). */
export function awsJsonErrorResponse(
  status: number,
  code: string,
  message: string,
  contentType = 'application/x-amz-json-1.1',
): ServiceResponse {
  return {
    status,
    headers: {
      'content-type': contentType,
      'x-amzn-requestid': randomUUID(),
      'x-amzn-errortype': code,
    },
    body: JSON.stringify({ __type: code, message }),
  };
}
