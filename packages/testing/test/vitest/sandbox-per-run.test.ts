import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxPerRun } from '../../src/vitest/index.js';

/**
 * `sandboxPerRun` is a global setup: it runs in vitest's main process, before the workers, which
 * inherit its environment. Here it runs in a test, and a child process stands in for a worker.
 */
const saved = { ...process.env };
afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

describe('sandboxPerRun', () => {
  it('starts one sandbox whose env later processes inherit, and its teardown stops it', async () => {
    const teardown = await sandboxPerRun({ dynamodb: false })();
    const endpoint = process.env.AWS_ENDPOINT_URL ?? '';
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const child = await promisify(execFile)(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const r = await fetch(process.env.AWS_ENDPOINT_URL_SQS + '/_sandbox/health'); console.log(r.status);`,
      ],
      { timeout: 30_000 },
    );
    expect(child.stdout).toBe('200\n');
    await teardown();
    await expect(fetch(`${endpoint}/_sandbox/health`)).rejects.toThrow();
  }, 60_000);
});
