import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { DynamoDbLocalStartError, JavaNotFoundError } from './errors.js';
import { locateDynamoDbLocalJar } from './jar.js';
import { spawnWatched, type WatchedExit, type WatchedProcess } from './watchdog.js';

export interface DynamoDbLocalOptions {
  /** The Java launcher to run. Default: `java` from PATH. */
  javaCommand?: string;
  /** How long to wait for the first answer. Default: 30 s. */
  readyTimeoutMs?: number;
}

/** A running DynamoDB Local, in memory. */
export interface DynamoDbLocalProcess {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** The Java process's id. */
  readonly pid: number;
  /** How it ended; undefined while it runs. */
  exit(): WatchedExit | undefined;
  /** Settles when it has ended, for whatever reason. */
  readonly exited: Promise<WatchedExit>;
  stop(): Promise<void>;
}

/**
 * The JVM's quick-start settings: compile with C1 only. A test run is over before the optimising
 * compiler would pay off, and skipping it starts DynamoDB Local markedly sooner (see bench/).
 */
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1'];

/**
 * Runs the vendored jar directly (the package's own launcher wants Node 22). `-sharedDb` makes
 * every access key and region see the same tables, so the SDK and the AWS CLI agree; telemetry is
 * off, since a local test database has nothing to report.
 */
export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocalProcess> {
  const javaCommand = options.javaCommand ?? 'java';
  const { jar, libDir } = locateDynamoDbLocalJar();
  const port = await freePort();
  // Started through a watchdog, so that Java dies with this process however it ends (see watchdog.ts).
  const child = spawnWatched(
    javaCommand,
    [
      ...JVM_FLAGS,
      `-Djava.library.path=${libDir}`,
      '-jar',
      jar,
      '-inMemory',
      '-sharedDb',
      '-disableTelemetry',
      // Only the edge talks to DynamoDB Local, and it is no browser: refuse every cross-origin page.
      '-cors',
      CORS_ALLOW_LIST,
      '-port',
      String(port),
    ],
    // DynamoDB Local writes a metadata file into its working directory: keep it out of the project.
    { cwd: tmpdir() },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.watchdog.stdout?.on('data', collect);
  child.watchdog.stderr?.on('data', collect);
  const endpoint = `http://127.0.0.1:${port}`;
  let pid: number;
  try {
    pid = await child.pid.catch((error: Error) => {
      throw startFailure(error, javaCommand, output);
    });
    await waitUntilReady(
      child,
      javaCommand,
      endpoint,
      options.readyTimeoutMs ?? 30_000,
      () => output,
    );
  } catch (error) {
    child.kill('SIGKILL');
    await child.exited.catch(() => undefined);
    throw error;
  }
  child.keepAlive(false);
  return {
    endpoint,
    pid,
    exit: () => child.exit(),
    exited: child.exited.catch(() => ({ code: null, signal: null, at: new Date() })),
    stop: () => stopProcess(child),
  };
}

/**
 * Origins DynamoDB Local may answer cross-origin requests from. Its default is `*`; the edge
 * relays server-side, so no page needs it: this single origin never matches a real page.
 */
const CORS_ALLOW_LIST = 'http://127.0.0.1:1';

function startFailure(error: Error, javaCommand: string, output: string): Error {
  return (error as { code?: string }).code === 'ENOENT'
    ? new JavaNotFoundError(javaCommand, `\`${javaCommand}\` was not found on PATH`)
    : new DynamoDbLocalStartError(`could not run ${javaCommand}: ${error.message}`, output);
}

async function waitUntilReady(
  child: WatchedProcess,
  javaCommand: string,
  endpoint: string,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  let failure: Error | undefined;
  child.exited.then(
    ({ code, signal }) => {
      const printed = output();
      failure ??= /UnsupportedClassVersionError|has been compiled by a more recent version/.test(
        printed,
      )
        ? new JavaNotFoundError(javaCommand, `\`${javaCommand}\` is older than Java 17`)
        : new DynamoDbLocalStartError(
            `DynamoDB Local exited early (code ${code ?? signal})`,
            printed.trim(),
          );
    },
    (error: Error) => {
      failure ??= startFailure(error, javaCommand, output());
    },
  );
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (failure) throw failure;
    if (await answers(endpoint)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new DynamoDbLocalStartError(
    `DynamoDB Local did not answer within ${timeoutMs} ms`,
    output().trim(),
  );
}

/** Any HTTP answer means the server is up. */
async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(endpoint, { method: 'GET', signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
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

async function stopProcess(child: WatchedProcess): Promise<void> {
  if (child.exit()) return;
  child.keepAlive(true);
  const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
  force.unref();
  child.kill('SIGTERM');
  await child.exited.catch(() => undefined);
  clearTimeout(force);
}
