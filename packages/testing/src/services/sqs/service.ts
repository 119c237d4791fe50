import type { SandboxClock } from '../../clock.js';
import {
  SANDBOX_ACCOUNT_ID,
  SANDBOX_REGION,
  type SandboxService,
  type ServiceRequest,
  type ServiceResponse,
} from '../../edge/service.js';
import { ServiceError } from '../../edge/service-error.js';
import { sqsErrors } from './errors.js';
import { MoveTaskRegistry } from './models/move-tasks.js';
import { queueUrl } from './models/names.js';
import { QueueRegistry } from './models/queue-registry.js';
import { sqsPermissions } from './permissions.js';
import { isSqsAction } from './protocol/actions.js';
import { bodyLimitFor } from './protocol/body-limits.js';
import {
  decodeJsonRequest,
  encodeJsonError,
  encodeJsonResponse,
  isJsonRequest,
  JSON_TARGET_PREFIX,
} from './protocol/json.js';
import {
  decodeQueryRequest,
  FORM_CONTENT_TYPE,
  queryParameters,
  signedForAnotherService,
} from './protocol/query.js';
import type { ApiInput, ApiOutput } from './protocol/wire.js';
import { encodeXmlError, encodeXmlResponse } from './protocol/xml.js';
import type { SqsContext } from './provider/context.js';
import { readNewMessage } from './provider/message-input.js';
import { OPERATIONS } from './provider/operations.js';

export interface SqsServiceOptions {
  /** The clock every timer reads (visibility, delays, long polls, retention, deduplication). */
  clock: SandboxClock;
  /** Region in queue ARNs. Default: `us-east-1`. */
  region?: string;
  /** Account in queue URLs and ARNs. Default: `000000000000`. */
  accountId?: string;
  /** The edge endpoint (`http://127.0.0.1:<port>`), read whenever a queue URL is made. */
  endpoint: () => string;
}

/** Options of an in-process delivery (what an EventBridge target passes along). */
export interface SqsDeliveryOptions {
  /** Required for FIFO queues. */
  messageGroupId?: string;
  /** FIFO: needed unless the queue has content-based deduplication. */
  messageDeduplicationId?: string;
}

export type SqsDeliveryResult =
  | { ok: true; messageId: string }
  | { ok: false; code: string; message: string };

/** `sandbox.sqs`: the emulated SQS's entry points besides its wire protocols. */
export interface SqsService {
  /** Sends `body` to the queue with this ARN, with SendMessage's validation, without HTTP. */
  deliver(queueArn: string, body: string, options?: SqsDeliveryOptions): SqsDeliveryResult;
  /** The URL of the queue with this ARN, or undefined when there is none. */
  queueUrlForArn(arn: string): string | undefined;
}

/** The emulated SQS as the edge runs it: both wire protocols, plus `SqsService`. */
export interface SqsServiceBehindEdge extends SqsService, SandboxService {
  readonly name: 'sqs';
  /** The queue's `Policy` attribute (its resource policy), or undefined when it has none. */
  queuePolicy(arn: string): string | undefined;
}

export function createSqsService(options: SqsServiceOptions): SqsServiceBehindEdge {
  const region = options.region ?? SANDBOX_REGION;
  const accountId = options.accountId ?? SANDBOX_ACCOUNT_ID;
  const registry = new QueueRegistry(region, accountId, options.clock);
  const closing = new AbortController();
  const moveTasks = new MoveTaskRegistry();
  const context: SqsContext = {
    registry,
    moveTasks,
    clock: options.clock,
    closing: closing.signal,
    queueUrl: (queue) => queueUrl(options.endpoint(), queue.location),
  };
  const jsonBodyLimit = bodyLimitFor('json', encodeJsonError);
  const queryBodyLimit = bodyLimitFor('query', encodeXmlError);
  // accepts() has already parsed a query request's parameters; handle() reuses them.
  const parsedQueries = new WeakMap<ServiceRequest, URLSearchParams>();

  async function run(action: string, input: ApiInput): Promise<ApiOutput> {
    if (!isSqsAction(action)) throw unknownOperation(action);
    return OPERATIONS[action](context, input);
  }

  return {
    name: 'sqs',

    bodyLimit(headers) {
      const target = headers['x-amz-target'];
      if (target !== undefined) {
        return target.startsWith(JSON_TARGET_PREFIX) ? jsonBodyLimit : undefined;
      }
      return headers['content-type']?.startsWith(FORM_CONTENT_TYPE) ? queryBodyLimit : undefined;
    },

    accepts(request) {
      if (isJsonRequest(request)) return true;
      const parameters = queryParameters(request);
      if (!parameters || signedForAnotherService(request)) return false;
      parsedQueries.set(request, parameters);
      return true;
    },

    permissions: (request) => sqsPermissions(request, { region, accountId }),

    async handle(request): Promise<ServiceResponse> {
      if (isJsonRequest(request)) {
        try {
          const { action, input } = decodeJsonRequest(request);
          return encodeJsonResponse(await run(action, input));
        } catch (error) {
          return encodeJsonError(asServiceError(error));
        }
      }
      const parameters = parsedQueries.get(request) ?? queryParameters(request);
      if (!parameters) return encodeXmlError(sqsErrors.invalidAction('(none)'));
      try {
        const { action, input } = decodeQueryRequest(request, parameters);
        if (!isSqsAction(action)) throw sqsErrors.invalidAction(action);
        return encodeXmlResponse(action, await run(action, input));
      } catch (error) {
        return encodeXmlError(asServiceError(error));
      }
    },

    deliver(queueArn, body, deliveryOptions = {}) {
      const queue = registry.byArn(queueArn);
      if (!queue) {
        return { ok: false, code: 'QueueDoesNotExist', message: `No queue ${queueArn}.` };
      }
      try {
        const message = readNewMessage(
          queue,
          {
            MessageBody: body,
            MessageGroupId: deliveryOptions.messageGroupId,
            MessageDeduplicationId: deliveryOptions.messageDeduplicationId,
          },
          accountId,
        );
        return { ok: true, messageId: queue.enqueue(message).messageId };
      } catch (error) {
        const failure = asServiceError(error);
        return { ok: false, code: failure.code, message: failure.message };
      }
    },

    queuePolicy(arn) {
      return registry.byArn(arn)?.attributes.Policy;
    },

    queueUrlForArn(arn) {
      const queue = registry.byArn(arn);
      return queue ? context.queueUrl(queue) : undefined;
    },

    async close() {
      closing.abort();
      moveTasks.stopAll();
      registry.clear();
    },
  };
}

function unknownOperation(action: string): ServiceError {
  return sqsErrors.unsupportedOperation(
    `The sandbox's SQS does not support the operation ${action}.`,
  );
}

/** A failure that is no SQS error is the sandbox's own fault: a 500 the caller did not cause. */
function asServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ServiceError('InternalError', message, { status: 500 });
}
