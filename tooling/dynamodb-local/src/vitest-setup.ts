import { type DynamoDbLocal, startDynamoDbLocal } from './index.js';

/**
 * Vitest global setup: one DynamoDB Local per test run. Tests reach it through the SDK's own
 * `AWS_ENDPOINT_URL_DYNAMODB`, so the code under test resolves endpoints as it would in Lambda.
 */
let instance: DynamoDbLocal | undefined;

export async function setup(): Promise<void> {
  instance = await startDynamoDbLocal();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = instance.endpoint;
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
}

export async function teardown(): Promise<void> {
  await instance?.stop();
}
