import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** True while a process with this pid exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls `check` every 50 ms until it holds or `timeoutMs` passed; returns whether it held. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

/** True when nothing accepts connections at `endpoint` any more. */
export async function refusesConnections(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
  }
}

/** Runs support/hold-sandbox.ts in a child Node process and reads the pid it reports. */
export async function holdSandboxInChild(
  mode: 'wait' | 'exhaust-heap' | 'forget-stop',
  nodeFlags: readonly string[] = [],
): Promise<{ owner: ChildProcess; pid: number; upstream: string }> {
  const script = fileURLToPath(new URL('./hold-sandbox.ts', import.meta.url));
  const owner = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script, mode], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  owner.stderr?.resume();
  const lines = createInterface({ input: owner.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    owner.once('exit', (code) => reject(new Error(`the sandbox owner exited early (${code})`)));
  });
  lines.close();
  const { pid, upstream } = JSON.parse(first) as { pid: number; upstream: string };
  return { owner, pid, upstream };
}

export function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
