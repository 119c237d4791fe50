// `npm run demo`: the user system as infra/app.ts synthesizes it, deployed into the local sandbox.
// Alice is created and activated; EventBridge → SQS → Lambda carries the events to the three
// handlers, which print the seed's lines themselves. Progress goes to stderr, the run to stdout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, SandboxError, startSandbox } from '@davinci/testing';
import { buildApp } from '../infra/app.js';
import { FunctionOutput } from './demo-output.js';

const DEPLOYMENT_ID = 'demo';
const outdir = mkdtempSync(join(tmpdir(), 'user-system-demo-'));
let sandbox: Sandbox | undefined;

try {
  const synthesized = await step('synth', async () => {
    // Bundling reports each function on stderr; the step's own line says enough unless it fails.
    const assembly = await quietly(() =>
      buildApp({ deploymentId: DEPLOYMENT_ID, ephemeral: true, outdir }).synth(),
    );
    return { result: assembly.directory, detail: `${assembly.stacks.length} stack(s)` };
  });

  const printed = new FunctionOutput();
  sandbox = await step('start', async () => {
    const started = await startSandbox({
      ...portFromEnvironment(),
      onFunctionLog: (line) => printed.add(line),
    });
    return { result: started, detail: started.endpoint };
  });
  const running = sandbox;

  await step('deploy', async () => {
    const deployed = await running.deploy(synthesized);
    const resources = deployed.stacks.reduce((sum, stack) => sum + stack.resources.length, 0);
    return { result: deployed, detail: `${resources} resources` };
  });

  await step('run', async () => {
    Object.assign(process.env, running.env, {
      DAVINCI_APP_NAME: 'user-system',
      DAVINCI_DEPLOYMENT_ID: DEPLOYMENT_ID,
    });
    // Imported once the environment names the tables and the bus.
    const { TableClient } = await import('@davinci/orm');
    const { GLOBAL_STATS, UserStatsTable } = await import('./tables.js');
    const { UserService } = await import('./user-service.js');
    const service = new UserService();

    const user = await service.createUser('alice@example.com', 'Alice Smith');
    console.log(`Created user: ${user.user_id}`);
    console.log(await printed.next(/^Welcome email sent to /));
    console.log(await printed.next(/^Stats updated: \d+ total users$/));
    console.log();

    const activated = await service.activateUser(user.user_id);
    console.log(`Activated user: ${activated.user_id}`);
    console.log(await printed.next(/^Stats updated: \d+ active users$/));

    const stats = await new TableClient(UserStatsTable).get(GLOBAL_STATS, { consistentRead: true });
    console.log(`\nstats: ${JSON.stringify(stats)}`);
    for (const email of running.ses.messages()) {
      console.log(
        `email recorded by SES: to ${email.to.join(', ')} from ${email.from}: ${email.subject}`,
      );
    }
    return { result: undefined, detail: `${running.ses.messages().length} email(s)` };
  });
} catch (error) {
  console.error(`demo: ${explain(error)}`);
  process.exitCode = 1;
} finally {
  await sandbox?.stop();
  rmSync(outdir, { recursive: true, force: true });
}

/** Runs one step and reports it on stderr with its duration: `deploy  2.1 s  25 resources`. */
async function step<T>(
  name: string,
  run: () => Promise<{ result: T; detail: string }>,
): Promise<T> {
  const started = performance.now();
  const { result, detail } = await run();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(`${name.padEnd(7)}${seconds.padStart(5)} s  ${detail}`);
  return result;
}

/** Runs `work` with stderr held back; what it wrote is shown only when it throws. */
async function quietly<T>(work: () => T): Promise<T> {
  const held: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    held.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    return true;
  }) as typeof process.stderr.write;
  try {
    return work();
  } catch (error) {
    process.stderr.write = write;
    process.stderr.write(held.join(''));
    throw error;
  } finally {
    process.stderr.write = write;
  }
}

function portFromEnvironment(): { port?: number } {
  const value = process.env.DAVINCI_SANDBOX_PORT;
  if (value === undefined || value === '') return {};
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`DAVINCI_SANDBOX_PORT must be a port number (1-65535); got ${value}`);
  }
  return { port };
}

/** One line that says what went wrong and what to do. */
function explain(error: unknown): string {
  if (error instanceof SandboxError) return error.message;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return `port ${process.env.DAVINCI_SANDBOX_PORT} is in use: set DAVINCI_SANDBOX_PORT to a free port, or unset it to let the sandbox pick one`;
  }
  return error instanceof Error ? error.message : String(error);
}
