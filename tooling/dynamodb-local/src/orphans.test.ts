import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// Runs the built launcher (test runs depend on the build) in a child Node process.
const launcher = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const owner = `import(${JSON.stringify(launcher)}).then(async ({ startDynamoDbLocal }) => {
  const db = await startDynamoDbLocal();
  console.log(JSON.stringify({ pid: db.pid, endpoint: db.endpoint }));
  setInterval(() => undefined, 60_000);
});`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
});

describe('the test-run DynamoDB Local', () => {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
    it(`dies when the process that started it is killed by ${signal}`, async () => {
      const child = spawn(process.execPath, ['-e', owner], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const line = await new Promise<string>((resolve) =>
        createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve),
      );
      const { pid, endpoint } = JSON.parse(line) as { pid: number; endpoint: string };
      started.push(pid);
      expect(isAlive(pid)).toBe(true);
      child.kill(signal);
      await new Promise((resolve) => child.once('exit', resolve));
      const deadline = Date.now() + 10_000;
      while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(isAlive(pid)).toBe(false);
      await expect(fetch(endpoint)).rejects.toThrow();
    }, 60_000);
  }
});
