import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { JavaNotFoundError, startSandbox } from '../src/index.js';

const run = promisify(execFile);

describe('without Java', () => {
  it('fails at start with a typed error saying what to install and how to use an endpoint instead', async () => {
    const starting = startSandbox({ dynamodb: { javaCommand: 'java-that-is-not-installed' } });
    await expect(starting).rejects.toBeInstanceOf(JavaNotFoundError);
    await expect(starting).rejects.toMatchObject({ code: 'JAVA_NOT_FOUND' });
    await expect(starting).rejects.toThrow(/Java >= 17/);
    await expect(starting).rejects.toThrow(/apt-get install openjdk-17-jre-headless/);
    await expect(starting).rejects.toThrow(/dynamodb: \{ endpoint/);
  });

  it('fails the same way in a process whose PATH has no java', async () => {
    const script = fileURLToPath(new URL('./support/start-sandbox.ts', import.meta.url));
    const failed = await run(process.execPath, ['--import', 'tsx', script], {
      env: { PATH: '/nonexistent', HOME: process.env.HOME ?? '/tmp' },
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    }).then(
      () => undefined,
      (error: { stdout: string; stderr: string; code: number }) => error,
    );
    expect(failed?.code).toBe(1);
    const report = JSON.parse(failed?.stdout ?? '{}') as {
      name?: string;
      code?: string;
      message?: string;
    };
    expect(report).toMatchObject({ name: 'JavaNotFoundError', code: 'JAVA_NOT_FOUND' });
    expect(report.message).toContain('`java` was not found on PATH');
  });

  it('still starts without DynamoDB when told to', async () => {
    const sandbox = await startSandbox({ dynamodb: false });
    try {
      expect(sandbox.dynamodb).toBeUndefined();
      expect(sandbox.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await sandbox.stop();
    }
  });
});
