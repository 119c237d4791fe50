import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

let shared: DynamoDBClient | undefined;

/**
 * The DynamoDBClient used when none is injected: created on first use and shared by every table,
 * so a Lambda reuses one connection pool. Region, credentials and endpoint come from the SDK's
 * own configuration chain (`AWS_REGION`, `AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL`, …).
 */
export function defaultDynamoDBClient(): DynamoDBClient {
  shared ??= new DynamoDBClient({});
  return shared;
}
