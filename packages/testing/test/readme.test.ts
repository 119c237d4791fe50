import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

it('runs the README example as written', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toContain('startSandbox');
  // Run against this checkout's sources instead of the published entry point.
  const script = new URL('./.readme-example.mts', import.meta.url);
  writeFileSync(
    script,
    (example as string).replace("from '@davinci/testing'", "from '../src/index.js'"),
  );
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', fileURLToPath(script)], {
      cwd: packageDir,
      timeout: 60_000,
    });
    expect(stdout.trim().split('\n')).toEqual(['Ada', 'user.created']);
  } finally {
    rmSync(script, { force: true });
  }
}, 90_000);
