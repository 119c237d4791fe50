import {
  AWS_JSON_1_0,
  AWS_JSON_1_1,
  awsJsonErrorResponse,
  queryCompatibleJsonErrorResponse,
} from './json-protocol.js';
import { queryErrorResponse } from './query-protocol.js';
import type { ServiceRequest, ServiceResponse } from './service.js';
import { ServiceError } from './service-error.js';

/** Why the edge answers a request itself instead of serving it. */
export interface EdgeRefusal {
  /** `accessDenied`: the policies do not allow it; `unrecognizedClient`: unknown credentials. */
  readonly kind: 'accessDenied' | 'unrecognizedClient';
  readonly message: string;
}

const SQS_QUERY_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';
const CORAL_NAMESPACE = 'com.amazon.coral.service';

/**
 * A refusal in the wire shape and with the error code of the request's protocol, as AWS answers:
 * `AccessDeniedException` (DynamoDB, EventBridge, Lambda), `AccessDenied` (SQS),
 * `UnrecognizedClientException` or, for SQS, `InvalidClientTokenId`.
 */
export function refusalResponse(request: ServiceRequest, refusal: EdgeRefusal): ServiceResponse {
  const denied = refusal.kind === 'accessDenied';
  const target = request.headers['x-amz-target'] ?? '';
  if (target.startsWith('AmazonSQS.') || (target === '' && isForm(request))) {
    const error = new ServiceError(
      denied ? 'AccessDeniedException' : 'UnrecognizedClientException',
      refusal.message,
      { status: 403, queryCode: denied ? 'AccessDenied' : 'InvalidClientTokenId' },
    );
    return target === ''
      ? queryErrorResponse(error, SQS_QUERY_NAMESPACE)
      : queryCompatibleJsonErrorResponse(error, {
          contentType: AWS_JSON_1_0,
          shapeNamespace: CORAL_NAMESPACE,
        });
  }
  const code = denied ? 'AccessDeniedException' : 'UnrecognizedClientException';
  if (target.startsWith('DynamoDB_')) {
    return awsJsonErrorResponse(new ServiceError(code, refusal.message), AWS_JSON_1_0);
  }
  if (target === '') {
    // Lambda's REST API.
    return awsJsonErrorResponse(
      new ServiceError(code, refusal.message, { status: 403 }),
      'application/json',
    );
  }
  return awsJsonErrorResponse(new ServiceError(code, refusal.message), AWS_JSON_1_1);
}

function isForm(request: ServiceRequest): boolean {
  return request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ?? false;
}
