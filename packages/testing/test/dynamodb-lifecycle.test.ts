import { afterEach, describe, expect, it } from 'vitest';
import {
  eventually,
  exitOf,
  holdSandboxInChild,
  isAlive,
  refusesConnections,
} from './support/processes.js';

// Java processes a failed test leaves behind are killed here, so one failure does not leak.
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
});

describe('DynamoDB Local never outlives the process that started the sandbox', () => {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
    it(`dies when that process is killed by ${signal}`, async () => {
      const { owner, pid, upstream } = await holdSandboxInChild('wait');
      started.push(pid);
      expect(isAlive(pid)).toBe(true);
      expect(await refusesConnections(upstream)).toBe(false);
      owner.kill(signal);
      expect(await exitOf(owner)).toEqual({ code: null, signal });
      expect(await eventually(() => !isAlive(pid), 10_000)).toBe(true);
      expect(await refusesConnections(upstream)).toBe(true);
    }, 60_000);
  }

  it('lets a script that forgets stop() end by itself, and dies with it', async () => {
    const { owner, pid, upstream } = await holdSandboxInChild('forget-stop');
    started.push(pid);
    // Bounded: a sandbox that kept the process alive would hit the test's timeout instead.
    expect(await exitOf(owner)).toEqual({ code: 0, signal: null });
    expect(await eventually(() => !isAlive(pid), 10_000)).toBe(true);
    expect(await refusesConnections(upstream)).toBe(true);
  }, 60_000);

  it('dies when that process aborts for lack of heap', async () => {
    const { owner, pid, upstream } = await holdSandboxInChild('exhaust-heap', [
      '--max-old-space-size=96',
    ]);
    started.push(pid);
    const exit = await exitOf(owner);
    // V8 aborts the process (SIGABRT), or Node reports the fatal error with exit code 134.
    expect(exit.signal === 'SIGABRT' || exit.code === 134).toBe(true);
    expect(await eventually(() => !isAlive(pid), 10_000)).toBe(true);
    expect(await refusesConnections(upstream)).toBe(true);
  }, 90_000);
});
