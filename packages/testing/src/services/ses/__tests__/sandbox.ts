import { SESv2Client } from '@aws-sdk/client-sesv2';
import { type Sandbox, startSandbox } from '../../../sandbox.js';

/** A sandbox without DynamoDB, and a real SES v2 client pointed at it. */
export async function startSesSandbox(): Promise<{ sandbox: Sandbox; ses: SESv2Client }> {
  const sandbox = await startSandbox({ dynamodb: false });
  const ses = new SESv2Client({
    endpoint: sandbox.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return { sandbox, ses };
}

/** The rejection of a call that must fail. */
export async function rejectionOf(
  call: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
