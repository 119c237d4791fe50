import { randomUUID } from 'node:crypto';
import { AWS_JSON_1_0, queryCompatibleJsonErrorResponse } from '../../../edge/json-protocol.js';
import type { ServiceRequest, ServiceResponse } from '../../../edge/service.js';
import { ServiceError } from '../../../edge/service-error.js';
import { utf8Text } from '../../../edge/strict-text.js';
import { sqsErrors } from '../errors.js';
import { DECODING_LIMITS } from './decoding-limits.js';
import { dictionary } from './records.js';
import type { ApiInput, ApiOutput } from './wire.js';

/** SDK v3 speaks AWS JSON 1.0 to SQS, naming the operation in `X-Amz-Target: AmazonSQS.<Op>`. */
export const JSON_TARGET_PREFIX = 'AmazonSQS.';

export const isJsonRequest = (request: ServiceRequest): boolean =>
  request.headers['x-amz-target']?.startsWith(JSON_TARGET_PREFIX) ?? false;

/** Each request decoded once: IAM's check reads it before the operation does. */
const decodedRequests = new WeakMap<ServiceRequest, { action: string; input: ApiInput }>();

export function decodeJsonRequest(request: ServiceRequest): { action: string; input: ApiInput } {
  const known = decodedRequests.get(request);
  if (known) return known;
  const action = (request.headers['x-amz-target'] ?? '').slice(JSON_TARGET_PREFIX.length);
  const decoded = utf8Text(request.body);
  if (decoded === undefined) {
    throw new ServiceError('SerializationException', 'The request body is not valid UTF-8.');
  }
  const text = decoded.trim();
  let input: unknown = {};
  if (text !== '') {
    try {
      input = JSON.parse(text);
    } catch {
      throw new ServiceError('SerializationException', 'The request body is not valid JSON.');
    }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ServiceError('SerializationException', 'The request body must be a JSON object.');
  }
  const result = { action, input: prototypeFree(input) as ApiInput };
  decodedRequests.set(request, result);
  return result;
}

/**
 * A copy of parsed JSON whose objects have no prototype (see records.ts), made without recursion;
 * refuses documents nested deeper than DECODING_LIMITS.maximumJsonDepth, which later steps
 * (JSON.stringify in error messages among them) would otherwise overflow the stack on.
 */
function prototypeFree(root: object): object {
  const copyOf = (value: unknown): unknown => {
    if (Array.isArray(value)) return new Array<unknown>(value.length);
    return typeof value === 'object' && value !== null ? dictionary<unknown>() : value;
  };
  const result = copyOf(root) as object;
  const pending: { source: object; target: Record<string, unknown>; depth: number }[] = [
    { source: root, target: result as Record<string, unknown>, depth: 1 },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { source, target, depth } = next;
    if (depth > DECODING_LIMITS.maximumJsonDepth) {
      throw sqsErrors.requestNestedTooDeeply(DECODING_LIMITS.maximumJsonDepth);
    }
    for (const [key, value] of Object.entries(source)) {
      const copy = copyOf(value);
      target[key] = copy;
      if (copy !== value) {
        pending.push({
          source: value as object,
          target: copy as Record<string, unknown>,
          depth: depth + 1,
        });
      }
    }
  }
  return result;
}

export function encodeJsonResponse(output: ApiOutput): ServiceResponse {
  return {
    status: 200,
    headers: { 'content-type': AWS_JSON_1_0, 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(output),
  };
}

/**
 * SQS is "query compatible": its JSON errors name the shape in `__type` and carry the
 * query-protocol code in `x-amzn-query-error`, which is what SDK v3 picks the exception from.
 */
export const encodeJsonError = (error: ServiceError): ServiceResponse =>
  queryCompatibleJsonErrorResponse(error, {
    contentType: AWS_JSON_1_0,
    shapeNamespace: 'com.amazonaws.sqs',
  });
