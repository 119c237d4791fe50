import { AWS_JSON_1_0, awsJsonErrorResponse } from '../../edge/json-protocol.js';
import { SANDBOX_ACCOUNT_ID, SANDBOX_REGION, type SandboxService } from '../../edge/service.js';
import { ServiceError } from '../../edge/service-error.js';
import { startDynamoDbLocal } from './local-process.js';
import { dynamoDbPermissions } from './permissions.js';
import { DYNAMODB_MAX_REQUEST_BYTES, DynamoDbRelay } from './proxy.js';
import { DYNAMODB_TARGET_PREFIX } from './target.js';
import type { WatchedExit } from './watchdog.js';

export { DYNAMODB_TARGET_PREFIX };

export interface DynamoDbServiceOptions {
  /**
   * An existing DynamoDB endpoint that does not check signatures (DynamoDB Local elsewhere,
   * LocalStack, …) to relay to instead of starting DynamoDB Local. Default: start DynamoDB Local
   * from the vendored jar.
   */
  endpoint?: string;
  /** The Java launcher used to start DynamoDB Local. Default: `java` from PATH. */
  javaCommand?: string;
  /** How long DynamoDB Local may take to answer. Default: 30 s. */
  readyTimeoutMs?: number;
  /** Region and account of table ARNs, for IAM. Default: the sandbox's. */
  region?: string;
  accountId?: string;
}

/** `sandbox.dynamodb`: where the sandbox's DynamoDB requests go. */
export interface DynamoDbService {
  /** Where requests go: the DynamoDB Local the service started, or the endpoint it was given. */
  readonly upstreamEndpoint: string;
  /** The pid of the DynamoDB Local the service started; absent when relaying to a given endpoint. */
  readonly localPid?: number;
}

/** DynamoDB behind the edge: requests are relayed, unchanged and streamed, to DynamoDB Local. */
export interface DynamoDbServiceBehindEdge extends DynamoDbService, SandboxService {}

/** Starts DynamoDB Local (unless an endpoint is given); rejects with `JavaNotFoundError` without Java. */
export async function createDynamoDbService(
  options: DynamoDbServiceOptions = {},
): Promise<DynamoDbServiceBehindEdge> {
  const local = options.endpoint
    ? undefined
    : await startDynamoDbLocal({
        ...(options.javaCommand !== undefined && { javaCommand: options.javaCommand }),
        ...(options.readyTimeoutMs !== undefined && { readyTimeoutMs: options.readyTimeoutMs }),
      });
  const upstreamEndpoint = options.endpoint ?? (local?.endpoint as string);
  const deathNotice = () => {
    const exit = local?.exit();
    return exit && !closing ? describeExit(exit) : undefined;
  };
  let closing = false;
  const relay = new DynamoDbRelay(
    upstreamEndpoint,
    local && {
      gone: () => {
        const detail = deathNotice();
        // 410, not 5xx: SDKs retry 5xx, and a dead DynamoDB Local does not come back.
        return detail
          ? awsJsonErrorResponse(
              new ServiceError('DynamoDbLocalExitedException', detail, { status: 410 }),
              AWS_JSON_1_0,
            )
          : undefined;
      },
      // A broken connection may be DynamoDB Local dying: wait briefly for its exit to be seen.
      settle: () => settleWithin(local.exited, 1_000),
    },
  );
  const arnScope = {
    region: options.region ?? SANDBOX_REGION,
    accountId: options.accountId ?? SANDBOX_ACCOUNT_ID,
  };
  const isDynamoDb = (headers: Readonly<Record<string, string>>) =>
    headers['x-amz-target']?.startsWith(DYNAMODB_TARGET_PREFIX) ?? false;
  return {
    name: 'dynamodb',
    upstreamEndpoint,
    ...(local && { localPid: local.pid }),
    health: () => {
      const detail = deathNotice();
      return detail ? { status: 'exited', detail } : { status: 'running' };
    },
    accepts: (request) => isDynamoDb(request.headers),
    handle: (request) => relay.forward(request),
    permissions: (request) => dynamoDbPermissions(request, arnScope),
    // Only requests that IAM checks are read whole; the rest stream through `passthrough`.
    bodyLimit: (headers) =>
      isDynamoDb(headers)
        ? {
            maxBytes: DYNAMODB_MAX_REQUEST_BYTES,
            tooLarge: (maxBytes) =>
              awsJsonErrorResponse(
                new ServiceError(
                  'RequestEntityTooLarge',
                  `Request must be smaller than ${maxBytes} bytes for the DynamoDB operation`,
                  { status: 413 },
                ),
                AWS_JSON_1_0,
              ),
          }
        : undefined,
    passthrough: {
      accepts: isDynamoDb,
      relay: (incoming, outgoing) => relay.relay(incoming, outgoing),
      prepare: (incoming) => relay.prepare(incoming),
    },
    async close() {
      closing = true;
      relay.close();
      await local?.stop();
    },
  };
}

function describeExit(exit: WatchedExit): string {
  const how = exit.signal ? `was killed by signal ${exit.signal}` : `exited with code ${exit.code}`;
  return `DynamoDB Local ${how} at ${exit.at.toISOString()}; restart the sandbox to use DynamoDB again`;
}

function settleWithin(done: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void done.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
