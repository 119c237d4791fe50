import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Runs in a small Node process between the owner and the watched command. Its stdin is a pipe
 * from the owner that is never written to: when the owner dies in any way (a signal, SIGKILL, an
 * out-of-memory abort), the kernel closes that pipe, stdin ends, and the command is killed.
 * File descriptor 3 reports the command's pid, a spawn failure, and how it exited, one JSON line each.
 * Termination signals sent to the watchdog are passed on to the command.
 */
const WATCHDOG_SOURCE = `
const { spawn } = require('node:child_process');
const { writeSync } = require('node:fs');
const report = (message) => { try { writeSync(3, JSON.stringify(message) + '\\n'); } catch {} };
const [command, ...args] = process.argv.slice(1);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
child.on('spawn', () => report({ pid: child.pid }));
child.on('error', (error) => { report({ error: error.code ?? 'ERROR', message: error.message }); process.exit(127); });
child.on('exit', (code, signal) => { report({ exit: { code, signal } }); process.exit(0); });
const killChild = () => { try { child.kill('SIGKILL'); } catch {} };
process.stdin.on('end', killChild);
process.stdin.on('close', killChild);
process.stdin.on('error', killChild);
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => { try { child.kill(signal); } catch {} });
`;

/** How the watched command ended. */
export interface WatchedExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly at: Date;
}

export interface WatchedProcess {
  /** The watchdog itself; its stdout and stderr are the command's. */
  readonly watchdog: ChildProcess;
  /** The command's pid, once it runs. */
  readonly pid: Promise<number>;
  /** Rejects with the spawn error (`code` as Node gives it, e.g. `ENOENT`) if the command cannot run. */
  readonly exited: Promise<WatchedExit>;
  /** How it ended; undefined while it runs. */
  exit(): WatchedExit | undefined;
  /** Signals the command (through the watchdog, which passes termination signals on). */
  kill(signal: NodeJS.Signals): void;
}

export interface SpawnFailure extends Error {
  code: string;
}

/** Starts `command` so that it cannot outlive this process, whatever ends this process. */
export function spawnWatched(
  command: string,
  args: readonly string[],
  options: { cwd: string },
): WatchedProcess {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG_SOURCE, command, ...args], {
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    cwd: options.cwd,
    // The owner's NODE_OPTIONS (loaders, heap limits) are for the owner, not for the watchdog.
    env,
  });
  let javaPid: number | undefined;
  let ended: WatchedExit | undefined;
  let resolvePid: (pid: number) => void = () => undefined;
  let rejectPid: (error: Error) => void = () => undefined;
  const pid = new Promise<number>((resolve, reject) => {
    resolvePid = resolve;
    rejectPid = reject;
  });
  pid.catch(() => undefined);
  const exited = new Promise<WatchedExit>((resolve, reject) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (ended) return;
      ended = { code, signal, at: new Date() };
      rejectPid(new Error(`exited before it ran (code ${code}, signal ${signal})`));
      resolve(ended);
    };
    const reports = createInterface({ input: watchdog.stdio[3] as NodeJS.ReadableStream });
    reports.on('line', (line) => {
      const message = JSON.parse(line) as {
        pid?: number;
        error?: string;
        message?: string;
        exit?: { code: number | null; signal: NodeJS.Signals | null };
      };
      if (message.pid !== undefined) {
        javaPid = message.pid;
        resolvePid(message.pid);
      } else if (message.error !== undefined) {
        const failure = Object.assign(new Error(message.message ?? message.error), {
          code: message.error,
        });
        rejectPid(failure);
        ended = { code: 127, signal: null, at: new Date() };
        reject(failure);
      } else if (message.exit) {
        finish(message.exit.code, message.exit.signal);
      }
    });
    // A watchdog that dies without a report (it was killed itself) takes the command with it.
    watchdog.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      if (javaPid !== undefined && !ended) killQuietly(javaPid);
      reports.close();
      finish(code, signal);
    });
    watchdog.once('error', (error) => {
      rejectPid(error);
      reject(error);
    });
  });
  exited.catch(() => undefined);
  return {
    watchdog,
    pid,
    exited,
    exit: () => ended,
    kill: (signal) => {
      if (ended) return;
      if (signal === 'SIGKILL' && javaPid !== undefined) killQuietly(javaPid);
      watchdog.kill(signal === 'SIGKILL' ? 'SIGTERM' : signal);
    },
  };
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Stops a watched command: SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
export async function stopWatched(child: WatchedProcess, graceMs = 3_000): Promise<void> {
  if (!child.exit()) {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    force.unref();
    child.kill('SIGTERM');
    await child.exited.catch(() => undefined);
    clearTimeout(force);
  }
  // The watchdog exits right after it reports the command's exit: wait for that too, so that
  // nothing of ours is left running once this resolves.
  const { watchdog } = child;
  if (watchdog.exitCode === null && watchdog.signalCode === null) {
    const force = setTimeout(() => watchdog.kill('SIGKILL'), graceMs);
    force.unref();
    await new Promise((resolve) => watchdog.once('exit', resolve));
    clearTimeout(force);
  }
}

/** How {@link waitUntilAnswering} tells that a watched server is up, and what it says when not. */
export interface ReadinessCheck {
  /** One attempt, bounded by `signal`: true once the server answers as it should. May throw. */
  probe(signal: AbortSignal): Promise<boolean>;
  readonly timeoutMs: number;
  /** The error message when the command ended before it answered. */
  exited(exit: WatchedExit): string;
  /** The error message when the command could not be started. */
  spawnFailed(error: Error): string;
  /** The error message when it did not answer in time. */
  timedOut(): string;
}

/** Resolves once `check.probe` succeeds; rejects as soon as the command ends or time runs out. */
export async function waitUntilAnswering(
  child: WatchedProcess,
  check: ReadinessCheck,
): Promise<void> {
  let ended: string | undefined;
  child.exited.then(
    (exit) => {
      ended ??= check.exited(exit);
    },
    (error: Error) => {
      ended = check.spawnFailed(error);
    },
  );
  const deadline = Date.now() + check.timeoutMs;
  while (Date.now() < deadline) {
    if (ended) throw new Error(ended);
    try {
      // A listener that never answers must not outlast the deadline.
      const signal = AbortSignal.timeout(Math.max(1, Math.min(1_000, deadline - Date.now())));
      if (await check.probe(signal)) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(check.timedOut());
}
