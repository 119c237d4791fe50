import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * The environment variables the SDK reads when it builds a client: a change to any of them (a
 * second sandbox in the same process, a restart in watch mode) must reach the next request.
 */
const CONFIGURATION_VARIABLES = [
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
] as const;

let shared: { client: DynamoDBClient; configuration: string } | undefined;

function currentConfiguration(): string {
  return JSON.stringify(CONFIGURATION_VARIABLES.map((name) => process.env[name] ?? null));
}

/**
 * The DynamoDBClient used when none is injected: shared by every table, so a Lambda reuses one
 * connection pool. Region, credentials and endpoint come from the SDK's own configuration chain
 * (`AWS_REGION`, `AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL`, …). When one of those variables
 * changes, the next call builds a new client from the new values, so tables follow a sandbox
 * that moved to another port.
 */
export function defaultDynamoDBClient(): DynamoDBClient {
  const configuration = currentConfiguration();
  if (shared?.configuration !== configuration) {
    // The previous client is left to finish what it has in flight; it is not reused.
    shared = { client: new DynamoDBClient({}), configuration };
  }
  return shared.client;
}

/**
 * Forgets and destroys the shared default client; the next operation builds a new one. Needed
 * only when the configuration changed outside the environment variables (e.g. `~/.aws/config`),
 * or to close its connections at the end of a test run.
 */
export function resetDefaultDynamoDBClient(): void {
  shared?.client.destroy();
  shared = undefined;
}
