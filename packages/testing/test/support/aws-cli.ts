import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Debian's AWS CLI v2 (the `aws` on PATH may be another CLI): always called by path. */
const AWS_CLI = '/usr/bin/aws';
const run = promisify(execFile);

/**
 * Runs the AWS CLI against the sandbox with dummy credentials and a config home of its own
 * (`home`, a temp folder of the test), and parses its JSON output.
 */
export async function awsCli(
  endpoint: string,
  home: string,
  args: readonly string[],
): Promise<unknown> {
  if (!existsSync(AWS_CLI)) {
    throw new Error(
      `${AWS_CLI} is missing: install Debian's AWS CLI v2 with \`apt-get update && apt-get install -y awscli\` (CI's .ci/run does this).`,
    );
  }
  const { stdout } = await run(
    AWS_CLI,
    [...args, '--endpoint-url', endpoint, '--region', 'us-east-1', '--output', 'json'],
    {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        // The conventional dummy key, one the sandbox takes as its own.
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_PAGER: '',
        AWS_CONFIG_FILE: join(home, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      },
      timeout: 60_000,
    },
  );
  return stdout.trim() === '' ? undefined : JSON.parse(stdout);
}
