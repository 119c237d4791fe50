import { randomUUID } from 'node:crypto';
import { awsJsonErrorResponse } from '../../edge/json-protocol.js';
import type { ServiceRequest, ServiceResponse } from '../../edge/service.js';
import { ServiceError } from '../../edge/service-error.js';

/** Lambda's REST API: `POST /2015-03-31/functions/{FunctionName}/invocations`. */
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/** Lambda's own limits on an Invoke request's payload, in bytes. */
export const SYNC_PAYLOAD_LIMIT = 6_291_456;
export const ASYNC_PAYLOAD_LIMIT = 1_048_576;
/** The largest response payload of a synchronous invocation. */
export const RESPONSE_PAYLOAD_LIMIT = 6_291_556;

/** The function-name formats Invoke takes: name, partial ARN or ARN, with an optional qualifier. */
const FUNCTION_NAME =
  /^(?:arn:aws[a-zA-Z-]*:lambda:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d:)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9_.-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';
const INVOCATION_TYPES: readonly InvocationType[] = ['RequestResponse', 'Event', 'DryRun'];

/** An Invoke request, checked. */
export interface InvokeRequest {
  readonly functionName: string;
  /** The account an ARN names, if it names one. */
  readonly accountId?: string;
  readonly qualifier?: string;
  readonly invocationType: InvocationType;
  /** `X-Amz-Log-Type: Tail`: the answer carries the invocation's last 4 KB of log. */
  readonly tailLog: boolean;
  /** The payload as the function gets it. */
  readonly event: unknown;
}

export function isLambdaRequest(request: ServiceRequest): boolean {
  return INVOKE_PATH.test(request.path);
}

/** Lambda requests are told apart before their body is read by their signature's scope. */
export function isLambdaSigned(headers: Readonly<Record<string, string>>): boolean {
  return /\/lambda\/aws4_request/.test(headers.authorization ?? '');
}

/** The request's function, invocation type and payload; a `ServiceError` as Lambda answers. */
export function parseInvokeRequest(request: ServiceRequest): InvokeRequest {
  if (request.method !== 'POST') {
    throw new ServiceError(
      'UnknownOperationException',
      `Lambda does not serve ${request.method} here`,
      {
        status: 405,
      },
    );
  }
  const encoded = INVOKE_PATH.exec(request.path)?.[1] ?? '';
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    name = encoded;
  }
  const qualifierParameter = request.query.get('Qualifier') ?? undefined;
  const parts = name.length <= 256 ? FUNCTION_NAME.exec(name) : null;
  if (!parts) {
    throw validationError(
      'functionName',
      name,
      'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
    );
  }
  const [, accountId, functionName = '', nameQualifier] = parts;
  const type = request.headers['x-amz-invocation-type'] ?? 'RequestResponse';
  if (!INVOCATION_TYPES.includes(type as InvocationType)) {
    throw validationError(
      'invocationType',
      type,
      `Member must satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`,
    );
  }
  const invocationType = type as InvocationType;
  const limit = invocationType === 'Event' ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
  if (request.body.length > limit) {
    throw new ServiceError(
      'RequestEntityTooLargeException',
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
      { status: 413 },
    );
  }
  const qualifier = qualifierParameter ?? nameQualifier;
  return {
    functionName,
    ...(accountId !== undefined && { accountId }),
    ...(qualifier !== undefined && { qualifier }),
    invocationType,
    tailLog: request.headers['x-amz-log-type'] === 'Tail',
    event: parsePayload(request.body),
  };
}

/** The payload as JSON; an empty one is `{}`, as in Lambda. */
function parsePayload(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ServiceError(
      'InvalidRequestContentException',
      `Could not parse request body into json: ${(error as Error).message}`,
      { status: 400 },
    );
  }
}

function validationError(field: string, value: string, rule: string): ServiceError {
  return new ServiceError(
    'ValidationException',
    `1 validation error detected: Value '${value.slice(0, 256)}' at '${field}' failed to satisfy constraint: ${rule}`,
    { status: 400 },
  );
}

/** An answer of Lambda's REST-JSON protocol. */
export function lambdaResponse(
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): ServiceResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...headers },
    body,
  };
}

/** An error answer: the exception in `x-amzn-errortype` and the body, as SDK v3 reads it. */
export function lambdaErrorResponse(error: ServiceError): ServiceResponse {
  return awsJsonErrorResponse(error, 'application/json');
}
