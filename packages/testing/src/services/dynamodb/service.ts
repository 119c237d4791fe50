import type { SandboxService } from '../../edge/service.js';
import { startDynamoDbLocal } from './local-process.js';
import { DynamoDbRelay } from './proxy.js';

/** DynamoDB's JSON 1.0 operations all carry this target prefix. */
export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810.';

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
}

/** DynamoDB behind the edge: requests are relayed, unchanged and streamed, to DynamoDB Local. */
export interface DynamoDbService extends SandboxService {
  /** Where requests go: the DynamoDB Local the service started, or the endpoint it was given. */
  readonly upstreamEndpoint: string;
}

/** Starts DynamoDB Local (unless an endpoint is given); rejects with `JavaNotFoundError` without Java. */
export async function createDynamoDbService(
  options: DynamoDbServiceOptions = {},
): Promise<DynamoDbService> {
  const local = options.endpoint
    ? undefined
    : await startDynamoDbLocal({
        ...(options.javaCommand !== undefined && { javaCommand: options.javaCommand }),
        ...(options.readyTimeoutMs !== undefined && { readyTimeoutMs: options.readyTimeoutMs }),
      });
  const upstreamEndpoint = options.endpoint ?? (local?.endpoint as string);
  const relay = new DynamoDbRelay(upstreamEndpoint);
  const isDynamoDb = (headers: Readonly<Record<string, string>>) =>
    headers['x-amz-target']?.startsWith(DYNAMODB_TARGET_PREFIX) ?? false;
  return {
    name: 'dynamodb',
    upstreamEndpoint,
    accepts: (request) => isDynamoDb(request.headers),
    handle: (request) => relay.forward(request),
    passthrough: {
      accepts: isDynamoDb,
      relay: (incoming, outgoing) => relay.relay(incoming, outgoing),
    },
    async close() {
      relay.close();
      await local?.stop();
    },
  };
}
