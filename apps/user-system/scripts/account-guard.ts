import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

/** The account LocalStack answers for. */
export const LOCALSTACK_ACCOUNT = '000000000000';

/** STS at the target reported an account other than LocalStack's, or could not be asked. */
export class NotLocalStackError extends Error {
  readonly code = 'NOT_LOCALSTACK';
  override readonly name = 'NotLocalStackError';
  constructor(
    readonly endpoint: string,
    readonly account: string | undefined,
    detail: string,
  ) {
    super(
      `refusing to deploy: ${detail} at ${endpoint}; LocalStack reports account ${LOCALSTACK_ACCOUNT}. ` +
        'Start LocalStack (docker compose -f docker-compose.localstack.yml up -d) or set LOCALSTACK_ENDPOINT to where it runs.',
    );
  }
}

/**
 * Asks STS at `endpoint` who the credentials are, and throws unless it is LocalStack's account:
 * the one check that stands between a mistyped endpoint and a deployment to a real account.
 */
export async function assertLocalStackAccount(endpoint: string): Promise<void> {
  const sts = new STSClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  let account: string | undefined;
  try {
    ({ Account: account } = await sts.send(new GetCallerIdentityCommand({}), {
      abortSignal: AbortSignal.timeout(5_000),
    }));
  } catch (error) {
    throw new NotLocalStackError(
      endpoint,
      undefined,
      `STS did not answer (${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    sts.destroy();
  }
  if (account !== LOCALSTACK_ACCOUNT) {
    throw new NotLocalStackError(endpoint, account, `STS reports account ${account ?? '(none)'}`);
  }
}
