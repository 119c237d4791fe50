import type { SandboxService } from '../../edge/service.js';
import { ServiceError } from '../../edge/service-error.js';
import type { TargetSink } from '../events/delivery/dispatcher.js';
import {
  isLambdaRequest,
  isLambdaSigned,
  lambdaErrorResponse,
  lambdaResponse,
  parseInvokeRequest,
  RESPONSE_PAYLOAD_LIMIT,
  SYNC_PAYLOAD_LIMIT,
} from './protocol.js';
import type { LambdaServiceBehindDeploy } from './service.js';

/** How much of an invocation's log `X-Amz-Log-Type: Tail` returns, as Lambda does. */
const TAIL_BYTES = 4_096;

/**
 * Lambda's Invoke API on the edge, so the AWS SDK and the AWS CLI can invoke a deployed function:
 * `RequestResponse` answers with the function's result (or its error, flagged by
 * `X-Amz-Function-Error`), `Event` queues it and answers 202, `DryRun` only checks it exists.
 */
export function createLambdaInvokeApi(
  lambda: LambdaServiceBehindDeploy,
  scope: { readonly region: string; readonly accountId: string },
): SandboxService {
  const arnOf = (name: string) =>
    `arn:aws:lambda:${scope.region}:${scope.accountId}:function:${name}`;
  return {
    name: 'lambda',
    accepts: isLambdaRequest,
    // lambda:InvokeFunction on the function's ARN (a qualifier makes it the version's ARN).
    permissions(request) {
      try {
        const invoke = parseInvokeRequest(request);
        const qualified = invoke.qualifier === undefined ? '' : `:${invoke.qualifier}`;
        return [
          {
            action: 'lambda:InvokeFunction',
            resources: [
              `arn:aws:lambda:${scope.region}:${invoke.accountId ?? scope.accountId}:function:${invoke.functionName}${qualified}`,
            ],
          },
        ];
      } catch {
        return [];
      }
    },
    bodyLimit: (headers) =>
      isLambdaSigned(headers)
        ? {
            // The larger of the two limits; Event's smaller one is checked once the type is read.
            maxBytes: SYNC_PAYLOAD_LIMIT,
            tooLarge: (maxBytes) =>
              lambdaErrorResponse(
                new ServiceError(
                  'RequestEntityTooLargeException',
                  `Request must be smaller than ${maxBytes} bytes for the InvokeFunction operation`,
                  { status: 413 },
                ),
              ),
          }
        : undefined,
    async handle(request) {
      try {
        const invoke = parseInvokeRequest(request);
        const missing = () =>
          new ServiceError(
            'ResourceNotFoundException',
            `Function not found: ${arnOf(invoke.functionName)}${invoke.qualifier ? `:${invoke.qualifier}` : ''}`,
            { status: 404 },
          );
        const elsewhere = invoke.accountId !== undefined && invoke.accountId !== scope.accountId;
        const unknownVersion = invoke.qualifier !== undefined && invoke.qualifier !== '$LATEST';
        if (elsewhere || unknownVersion || !lambda.has(invoke.functionName)) throw missing();
        const versionHeader = { 'x-amz-executed-version': '$LATEST' };
        if (invoke.invocationType === 'DryRun') return lambdaResponse(204, '');
        if (invoke.invocationType === 'Event') {
          const requestId = lambda.invokeAsync(invoke.functionName, invoke.event);
          return lambdaResponse(202, '', { 'x-amzn-requestid': requestId });
        }
        const result = await lambda.invoke(invoke.functionName, invoke.event);
        const headers: Record<string, string> = {
          ...versionHeader,
          'x-amzn-requestid': result.requestId,
        };
        if (invoke.tailLog)
          headers['x-amz-log-result'] = tailOf(lambda, invoke.functionName, result.requestId);
        if (!result.ok) {
          return lambdaResponse(200, JSON.stringify(result.error), {
            ...headers,
            'x-amz-function-error': 'Unhandled',
          });
        }
        // A handler that returns nothing answers `null`, as in Lambda.
        const payload = JSON.stringify(result.result) ?? 'null';
        if (Buffer.byteLength(payload) > RESPONSE_PAYLOAD_LIMIT) {
          return lambdaResponse(
            200,
            JSON.stringify({
              errorType: 'Function.ResponseSizeTooLarge',
              errorMessage: `Response payload size exceeded maximum allowed payload size (${RESPONSE_PAYLOAD_LIMIT} bytes).`,
            }),
            { ...headers, 'x-amz-function-error': 'Unhandled' },
          );
        }
        return lambdaResponse(200, payload, headers);
      } catch (error) {
        if (error instanceof ServiceError) return lambdaErrorResponse(error);
        throw error;
      }
    },
    async close() {
      // The functions themselves stop with the sandbox's Lambda service.
    },
  };
}

/** The last 4 KB of one invocation's log lines, base64 as `X-Amz-Log-Result` carries them. */
function tailOf(
  lambda: LambdaServiceBehindDeploy,
  functionName: string,
  requestId: string,
): string {
  const text = lambda
    .logs(functionName)
    .filter((line) => line.requestId === requestId)
    .map((line) => `${line.line}\n`)
    .join('');
  const bytes = Buffer.from(text);
  return bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)).toString('base64');
}

/**
 * EventBridge's deliveries to a function: an asynchronous invoke, accepted once the function
 * exists (what happens next is the function's, as in AWS). The input is JSON, or a plain string
 * an input transformer made.
 */
export function lambdaTargetSink(lambda: LambdaServiceBehindDeploy): TargetSink {
  return (targetArn, body) => {
    const functionName = targetArn.split(':')[6] ?? '';
    if (!lambda.has(functionName)) {
      return {
        ok: false,
        code: 'ResourceNotFoundException',
        message: `Function not found: ${targetArn}`,
      };
    }
    let event: unknown = body;
    try {
      event = JSON.parse(body);
    } catch {
      // not JSON: the function gets the string
    }
    lambda.invokeAsync(functionName, event);
    return { ok: true };
  };
}
