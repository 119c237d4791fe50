import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLocalStackAccount, NotLocalStackError } from '../scripts/account-guard.js';

// The LocalStack path, checked as far as a machine without Docker allows.
const run = promisify(execFile);
const appDir = fileURLToPath(new URL('..', import.meta.url));
const composeFile = fileURLToPath(
  new URL('../../../docker-compose.localstack.yml', import.meta.url),
);

/** A stand-in STS that answers GetCallerIdentity for `account`, over the query protocol. */
function fakeSts(account: string): Server {
  return createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${account}:user/someone</Arn><UserId>AIDAEXAMPLE</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    });
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the LocalStack path', () => {
  let realAccount: Server;
  let localStack: Server;
  let realEndpoint: string;
  let localStackEndpoint: string;

  beforeAll(async () => {
    realAccount = fakeSts('123456789012');
    localStack = fakeSts('000000000000');
    realEndpoint = await listen(realAccount);
    localStackEndpoint = await listen(localStack);
  });

  afterAll(() => {
    realAccount?.close();
    localStack?.close();
  });

  it('has a valid compose file: a pinned image, port 4566, the Docker socket, a health check', async () => {
    const { stdout } = await run('docker-compose', ['-f', composeFile, 'config'], {
      env: { ...process.env, LOCALSTACK_AUTH_TOKEN: 'token-from-env' },
    });
    expect(stdout).toContain('image: localstack/localstack:4.14.0');
    expect(stdout).toMatch(/published: 4566|4566:4566/);
    expect(stdout).toContain('/var/run/docker.sock:/var/run/docker.sock');
    expect(stdout).toContain('LOCALSTACK_AUTH_TOKEN: token-from-env');
    expect(stdout).toContain('http://localhost:4566/_localstack/health');
    expect(readFileSync(composeFile, 'utf8')).not.toMatch(/localstack:latest/);
  });

  it('lets the scripts through when STS reports LocalStack’s account', async () => {
    await expect(assertLocalStackAccount(localStackEndpoint)).resolves.toBeUndefined();
  });

  it('refuses an endpoint whose STS reports another account, naming it', async () => {
    const refusal = await assertLocalStackAccount(realEndpoint).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(NotLocalStackError);
    expect(refusal).toMatchObject({ code: 'NOT_LOCALSTACK', account: '123456789012' });
    expect((refusal as Error).message).toContain(
      `refusing to deploy: STS reports account 123456789012 at ${realEndpoint}`,
    );
  });

  it('refuses when nothing answers at the endpoint', async () => {
    const closed = createServer();
    const endpoint = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    await expect(assertLocalStackAccount(endpoint)).rejects.toMatchObject({
      code: 'NOT_LOCALSTACK',
      account: undefined,
    });
  });

  it('localstack:deploy stops before cdklocal when the account is not LocalStack’s', async () => {
    const result = await run('pnpm', ['--silent', 'localstack:deploy'], {
      cwd: appDir,
      env: { ...process.env, LOCALSTACK_ENDPOINT: realEndpoint },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect((result as { stderr: string }).stderr).toContain(
      'refusing to deploy: STS reports account 123456789012',
    );
  });

  it('synthesizes with cdklocal', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'user-system-cdklocal-'));
    const { stdout } = await run('cdklocal', ['synth', '--no-notices', '--quiet', '-o', outdir], {
      cwd: appDir,
      env: {
        ...process.env,
        CDK_DISABLE_CLI_TELEMETRY: 'true',
        CDK_VALIDATION: 'false',
        DAVINCI_ARCHITECTURE: 'x86_64',
      },
      timeout: 120_000,
    });
    // --quiet keeps the template off stdout. Under CI the CLI prints its own warnings
    // there too, such as unset feature flags, so only the template's absence is checked.
    expect(stdout).not.toMatch(/^Resources:/m);
    const template = JSON.parse(
      readFileSync(join(outdir, 'user-system-dev.template.json'), 'utf8'),
    ) as { Resources: Record<string, { Type: string; Properties: { Architectures?: string[] } }> };
    const functions = Object.values(template.Resources).filter(
      (resource) => resource.Type === 'AWS::Lambda::Function',
    );
    rmSync(outdir, { recursive: true, force: true });
    expect(functions.map((fn) => fn.Properties.Architectures)).toEqual([
      ['x86_64'],
      ['x86_64'],
      ['x86_64'],
    ]);
  }, 120_000);

  it('test:localstack says in one line that LocalStack is unreachable, and skips', async () => {
    const closed = createServer();
    const endpoint = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    // Its own reporter only: the JSON report file is this run's.
    const { stdout } = await run('pnpm', ['--silent', 'test:localstack', '--reporter=default'], {
      cwd: appDir,
      env: { ...process.env, LOCALSTACK_ENDPOINT: endpoint, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 60_000,
    });
    expect(stdout).toContain(
      `LocalStack is not reachable at ${endpoint}: the end-to-end suite is skipped`,
    );
    expect(stdout).toMatch(/Tests {2}6 skipped \(6\)/);
  }, 60_000);
});
