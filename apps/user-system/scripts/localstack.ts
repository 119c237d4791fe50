// `pnpm localstack:deploy` / `pnpm localstack:destroy`: the app into LocalStack with cdklocal, only
// after STS at the endpoint has said it is LocalStack's account.
import { spawnSync } from 'node:child_process';
import { arch } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertLocalStackAccount } from './account-guard.js';

const action = process.argv[2];
if (action !== 'deploy' && action !== 'destroy') {
  console.error('usage: tsx scripts/localstack.ts <deploy|destroy>');
  process.exit(2);
}
const endpoint = process.env.LOCALSTACK_ENDPOINT ?? 'http://localhost:4566';
const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

try {
  await assertLocalStackAccount(endpoint);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const env = {
  ...process.env,
  AWS_ENDPOINT_URL: endpoint,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  AWS_DEFAULT_REGION: process.env.AWS_REGION ?? 'us-east-1',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  DAVINCI_DEPLOYMENT_ID: process.env.DAVINCI_DEPLOYMENT_ID ?? 'localstack',
  // LocalStack runs functions natively only for its host's instruction set.
  DAVINCI_ARCHITECTURE: arch() === 'arm64' ? 'arm64' : 'x86_64',
};
const steps =
  action === 'deploy'
    ? [
        ['bootstrap', '--no-notices'],
        ['deploy', '--all', '--require-approval', 'never', '--no-notices'],
      ]
    : [['destroy', '--all', '--force', '--no-notices']];
for (const args of steps) {
  const result = spawnSync('cdklocal', args, { cwd: appDir, env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
