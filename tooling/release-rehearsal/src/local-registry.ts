import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { freePort } from '@davinci/dynamodb-local';
import { spawnWatched, stopWatched, waitUntilAnswering } from '@davinci/dynamodb-local/watchdog';

/** A running local npm registry that holds `@davinci/*` only. */
export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** A token that may publish `@davinci/*` to it. */
  readonly token: string;
  /** The registry process's id. */
  readonly pid: number;
  /** What the registry printed, for a failure message. */
  output(): string;
  /** Stops the registry and waits until it has exited. */
  stop(): Promise<void>;
}

export interface StartLocalRegistryOptions {
  /** An empty folder for the registry's configuration and storage. */
  readonly dir: string;
  /** How long to wait until it answers. Default: 30 s. */
  readonly readyTimeoutMs?: number;
}

const require = createRequire(import.meta.url);

/**
 * Starts verdaccio on loopback with its storage in `dir`. It has no uplink, so it serves only what
 * is published to it, and only `@davinci/*` may be published; the process cannot outlive this one.
 */
export async function startLocalRegistry(
  options: StartLocalRegistryOptions,
): Promise<LocalRegistry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  mkdirSync(join(options.dir, 'storage'), { recursive: true });
  const config = join(options.dir, 'config.yaml');
  writeFileSync(config, registryConfig(options.dir));
  const bin = join(require.resolve('verdaccio/package.json'), '..', 'bin', 'verdaccio');
  const child = spawnWatched(
    process.execPath,
    [bin, '--config', config, '--listen', `127.0.0.1:${port}`],
    { cwd: options.dir },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.watchdog.stdout?.on('data', collect);
  child.watchdog.stderr?.on('data', collect);
  const stop = () => stopWatched(child);
  try {
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    await waitUntilAnswering(child, {
      timeoutMs,
      async probe(signal) {
        const response = await fetch(new URL('-/ping', url), { signal });
        await response.arrayBuffer();
        return response.ok;
      },
      exited: ({ code, signal }) =>
        `the local registry exited (${code ?? signal}): ${output.trim()}`,
      spawnFailed: (error) => `could not start the local registry: ${error.message}`,
      timedOut: () => `the local registry did not answer within ${timeoutMs} ms: ${output.trim()}`,
    });
    const token = await addPublisher(url);
    return { url, token, pid: await child.pid, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function registryConfig(dir: string): string {
  // JSON is YAML: no quoting rules to get wrong for the paths.
  const config = {
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 1 } },
    uplinks: {},
    packages: {
      '@davinci/*': { access: '$all', publish: '$authenticated' },
      '**': { access: '$all', publish: '$nobody' },
    },
    web: { enable: false },
    log: { type: 'stdout', format: 'pretty', level: 'warn' },
    max_body_size: '50mb',
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Registers the one user the configuration allows, and returns its token. */
async function addPublisher(url: string): Promise<string> {
  const name = 'rehearsal';
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: `rehearsal-${process.pid}-${Date.now()}` }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token) {
    throw new Error(`the local registry refused a publisher: ${response.status} ${body.error}`);
  }
  return body.token;
}
