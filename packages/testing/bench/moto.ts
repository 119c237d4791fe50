import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** moto's default account, which `${AWS::AccountId}` resolves to there. */
const MOTO_ACCOUNT_ID = '123456789012';
const REGION = 'us-east-1';

export interface MotoServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** A free loopback port, so moto never collides with another run. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Starts `moto_server` on loopback and resolves once it answers (bounded by `timeoutMs`). */
export async function startMoto(timeoutMs = 20_000): Promise<MotoServer> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(`moto_server could not start: ${spawnError.message}`);
    }
    try {
      await (await fetch(`${endpoint}/moto-api/`)).arrayBuffer();
      return { endpoint, stop };
    } catch {
      if (performance.now() > deadline) {
        await stop();
        throw new Error(`moto_server did not answer within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** moto routes by the service named in the signature's scope; it does not check the signature. */
function authorization(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=bench/20260101/${REGION}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

async function expectOk(response: Response, what: string): Promise<string> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

async function cloudFormation(
  endpoint: string,
  action: string,
  parameters: Record<string, string>,
): Promise<string> {
  const body = new URLSearchParams({ Action: action, Version: '2010-05-15', ...parameters });
  return expectOk(
    await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: authorization('cloudformation'),
      },
      body,
    }),
    `CloudFormation ${action}`,
  );
}

export interface MotoStackInput {
  readonly stackName: string;
  readonly templateBody: string;
  /** Zipped assets by the S3 key the template names, uploaded as `cdk deploy` would. */
  readonly assets: ReadonlyMap<string, string>;
}

/**
 * What `cdk deploy` does against moto: the bootstrap's version parameter and asset bucket, the
 * assets, CreateStack, then DescribeStacks until the stack settles (bounded by `timeoutMs`).
 */
export async function deployToMoto(
  moto: MotoServer,
  input: MotoStackInput,
  timeoutMs = 60_000,
): Promise<void> {
  const { endpoint } = moto;
  await expectOk(
    await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonSSM.PutParameter',
        authorization: authorization('ssm'),
      },
      body: JSON.stringify({
        Name: '/cdk-bootstrap/hnb659fds/version',
        Value: '30',
        Type: 'String',
        Overwrite: true,
      }),
    }),
    'SSM PutParameter',
  );
  const bucket = `cdk-hnb659fds-assets-${MOTO_ACCOUNT_ID}-${REGION}`;
  const s3 = (path: string, body?: Buffer) =>
    fetch(`${endpoint}/${path}`, {
      method: 'PUT',
      headers: { authorization: authorization('s3') },
      ...(body && { body }),
    });
  await expectOk(await s3(bucket), 'S3 CreateBucket');
  for (const [key, file] of input.assets) {
    await expectOk(await s3(`${bucket}/${key}`, readFileSync(file)), `S3 PutObject ${key}`);
  }
  await cloudFormation(endpoint, 'CreateStack', {
    StackName: input.stackName,
    TemplateBody: input.templateBody,
    'Capabilities.member.1': 'CAPABILITY_IAM',
  });
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const described = await cloudFormation(endpoint, 'DescribeStacks', {
      StackName: input.stackName,
    });
    const status = /<StackStatus>([^<]+)<\/StackStatus>/.exec(described)?.[1] ?? 'UNKNOWN';
    if (status === 'CREATE_COMPLETE') return;
    if (!status.endsWith('_IN_PROGRESS')) {
      const reason = /<StackStatusReason>([^<]*)<\/StackStatusReason>/.exec(described)?.[1];
      throw new Error(`moto's stack ended ${status}${reason ? `: ${reason}` : ''}`);
    }
    if (performance.now() > deadline)
      throw new Error(`moto's stack still ${status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
