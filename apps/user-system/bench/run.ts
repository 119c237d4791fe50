/**
 * The user system's benchmark, as a user meets it:
 * 1. `npm run demo` from start to its first line of expected output, with the synth, start and
 *    deploy steps as the demo reports them (median of 3 runs);
 * 2. 1,000 users created through the deployed app: events per second, and publish → stats
 *    updated (the counting handler's commit) p50 / p99.
 * Run with `pnpm --filter user-system bench`; writes bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acceleratedClock, startSandbox } from '@davinci/testing';
import { buildApp } from '../infra/app.js';

const DEMO_RUNS = 3;
const USERS = 1_000;
const IN_FLIGHT = 50;
const appDir = fileURLToPath(new URL('..', import.meta.url));

const median = (values: readonly number[]) => percentile(values, 50);
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

interface DemoRun {
  readonly firstLineMs: number;
  readonly steps: Readonly<Record<string, number>>;
}

/** One `pnpm demo`: time to the first stdout line, and the steps' own seconds from stderr. */
function runDemo(): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstLineMs: number | undefined;
    let stderr = '';
    const child = spawn('pnpm', ['--silent', 'demo'], {
      cwd: appDir,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    child.stdout.on('data', () => {
      firstLineMs ??= performance.now() - started;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || firstLineMs === undefined) {
        reject(new Error(`demo exited ${code}: ${stderr}`));
        return;
      }
      const steps: Record<string, number> = {};
      for (const match of stderr.matchAll(/^(synth|start|deploy|run)\s+([\d.]+) s/gm)) {
        steps[match[1] as string] = Number(match[2]) * 1000;
      }
      resolve({ firstLineMs, steps });
    });
  });
}

interface FlowResult {
  readonly eventsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/** 1,000 users through the deployed app, `IN_FLIGHT` at a time. */
async function thousandUsers(): Promise<FlowResult> {
  const counted = new Map<string, number>();
  const sandbox = await startSandbox({
    clock: acceleratedClock(30),
    onFunctionLog: ({ functionName, line }) => {
      if (!functionName.endsWith('handle-any-user-event') || !line.startsWith('{')) return;
      const entry = JSON.parse(line) as { outcome?: string; eventId?: string };
      if (entry.outcome === 'success' && entry.eventId)
        counted.set(entry.eventId, performance.now());
    },
  });
  const outdir = mkdtempSync(join(tmpdir(), 'user-system-bench-'));
  try {
    await sandbox.deploy(
      buildApp({ deploymentId: 'bench', ephemeral: true, outdir }).synth().directory,
    );
    Object.assign(process.env, sandbox.env, {
      DAVINCI_APP_NAME: 'user-system',
      DAVINCI_DEPLOYMENT_ID: 'bench',
    });
    const { EventPublisher } = await import('@davinci/event-bus');
    const { TableClient } = await import('@davinci/orm');
    const { UserCreated } = await import('../src/events.js');
    const { UserTable } = await import('../src/tables.js');
    const users = new TableClient(UserTable);
    const publisher = new EventPublisher();

    // What UserService.createUser does, keeping the id EventBridge gave each event.
    const published = new Map<string, number>();
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < USERS) {
        const index = next++;
        const user_id = randomUUID();
        const email = `user${index}@example.com`;
        await users.put({ user_id, email, name: `User ${index}`, created_at: new Date() });
        const entry = await publisher.submit(UserCreated.create({ user_id, email, name: 'User' }));
        published.set(entry.eventBridgeId, performance.now());
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const deadline = Date.now() + 120_000;
    while (counted.size < USERS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (counted.size < USERS) throw new Error(`only ${counted.size} of ${USERS} users counted`);
    const latencies = [...published].map(([id, at]) => (counted.get(id) as number) - at);
    const last = Math.max(...counted.values());
    return {
      eventsPerSecond: USERS / ((last - started) / 1000),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  } finally {
    await sandbox.stop();
    rmSync(outdir, { recursive: true, force: true });
  }
}

const demoRuns: DemoRun[] = [];
for (let run = 0; run < DEMO_RUNS; run++) demoRuns.push(await runDemo());
const flow = await thousandUsers();

const step = (name: string) =>
  `${(median(demoRuns.map((run) => run.steps[name] ?? 0)) / 1000).toFixed(2)} s`;
const report = [
  '# user-system benchmark',
  '',
  `Machine: ${availableParallelism()} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}. ${new Date().toISOString().slice(0, 10)}.`,
  '',
  `### npm run demo, to its first line of expected output (median of ${DEMO_RUNS})`,
  '',
  '| to first line | synth | start | deploy |',
  '|---|---|---|---|',
  `| ${(median(demoRuns.map((run) => run.firstLineMs)) / 1000).toFixed(2)} s | ${step('synth')} | ${step('start')} | ${step('deploy')} |`,
  '',
  `The first line is \`Created user: …\`; before it the demo also starts pnpm and tsx and imports the app.`,
  '',
  `### ${USERS.toLocaleString('en')} users through the deployed app (${IN_FLIGHT} publishing at a time)`,
  '',
  '| events/s | publish → stats updated p50 | p99 |',
  '|---|---|---|',
  `| ${flow.eventsPerSecond.toFixed(0)} | ${flow.p50.toFixed(0)} ms | ${flow.p99.toFixed(0)} ms |`,
  '',
  'Stats updated: the counting handler (maxConcurrency 2, one record at a time, optimistic writes) committed the event.',
  '',
].join('\n');
console.log(report);
writeFileSync(new URL('./RESULTS.md', import.meta.url), report);
