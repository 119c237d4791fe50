import { AWS_JSON_1_1, awsJsonErrorResponse, awsJsonResponse } from '../../edge/json-protocol.js';
import type { RequestBodyLimit } from '../../edge/request-body.js';
import type { ServiceRequest, ServiceResponse } from '../../edge/service.js';
import { ServiceError } from '../../edge/service-error.js';
import { utf8Text } from '../../edge/strict-text.js';

/** EventBridge speaks JSON 1.1: `X-Amz-Target: AWSEvents.<Operation>`, members at top level. */
export const TARGET_PREFIX = 'AWSEvents.';
export const CONTENT_TYPE = AWS_JSON_1_1;

export function isEventsRequest(request: ServiceRequest): boolean {
  return isEventsTarget(request.headers);
}

/**
 * EventBridge takes requests of up to 1 MiB. That is room for any PutEvents whose entries are
 * within their 256 KiB total, even with every character of a `Detail` escaped (`"` → `\"`).
 */
export const EVENTS_BODY_LIMIT: RequestBodyLimit = {
  maxBytes: 1_048_576,
  tooLarge: (maxBytes) =>
    awsJsonErrorResponse(
      new ServiceError(
        'RequestEntityTooLarge',
        `The request body is larger than EventBridge's ${maxBytes}-byte request limit.`,
        { status: 413 },
      ),
      CONTENT_TYPE,
    ),
};

export const isEventsTarget = (headers: Readonly<Record<string, string>>): boolean =>
  headers['x-amz-target']?.startsWith(TARGET_PREFIX) ?? false;

export function operationName(request: ServiceRequest): string {
  return (request.headers['x-amz-target'] ?? '').slice(TARGET_PREFIX.length);
}

/** The request's members; an empty body is an empty input, as the SDKs send for no-arg calls. */
export function parseParams(request: ServiceRequest): Record<string, unknown> {
  const decoded = utf8Text(request.body);
  if (decoded === undefined) {
    throw new ServiceError('SerializationException', 'the request body is not valid UTF-8');
  }
  const text = decoded.trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ServiceError('SerializationException', 'the request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ServiceError('SerializationException', 'the request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function success(body: unknown): ServiceResponse {
  return awsJsonResponse(body, CONTENT_TYPE);
}

export function failure(error: unknown): ServiceResponse {
  if (error instanceof ServiceError) return awsJsonErrorResponse(error, CONTENT_TYPE);
  const message = error instanceof Error ? error.message : String(error);
  return awsJsonErrorResponse(
    new ServiceError('InternalException', message, { status: 500 }),
    CONTENT_TYPE,
  );
}
