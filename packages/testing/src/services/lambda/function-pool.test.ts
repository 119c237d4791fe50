import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type FunctionConfig, FunctionPool, FunctionPoolClosedError } from './function-pool.js';

const codeDir = mkdtempSync(join(tmpdir(), 'function-pool-'));
writeFileSync(
  join(codeDir, 'index.js'),
  'exports.handler = async (event) => { await new Promise((r) => setTimeout(r, event.ms)); return { slept: event.ms }; };',
);
afterAll(() => rmSync(codeDir, { recursive: true, force: true }));

const config = (concurrency: number): FunctionConfig => ({
  functionName: 'sleeper',
  functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:sleeper',
  codeDir,
  handler: 'index.handler',
  runtime: 'nodejs22.x',
  timeoutSeconds: 30,
  memorySize: 128,
  environment: {},
  concurrency,
  sdkPaths: [],
});

/** Resolves once the pool has logged the START of an invocation. */
function poolWithStarts(concurrency: number) {
  const starts: string[] = [];
  const pool = new FunctionPool(config(concurrency), (line) => {
    if (line.startsWith('START')) starts.push(line);
  });
  const started = async (count: number) => {
    while (starts.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { pool, started };
}

describe('FunctionPool.close', () => {
  it('fails the invocation a terminated worker was running, as a runtime that exited', async () => {
    const { pool, started } = poolWithStarts(1);
    const running = pool.invoke({ ms: 20_000 }, 'req-1');
    await started(1);
    await pool.close();
    expect(await running).toMatchObject({
      ok: false,
      requestId: 'req-1',
      error: { errorType: 'Runtime.ExitError' },
    });
  });

  it('with drain, lets running invocations finish and turns waiting ones away', async () => {
    const { pool, started } = poolWithStarts(1);
    const running = pool.invoke({ ms: 200 }, 'req-2');
    await started(1);
    // Caught at once: it is turned away while close() still waits for the running one.
    const waiting = pool.invoke({ ms: 1 }, 'req-3').catch((error: unknown) => error);
    await pool.close({ drain: true });
    expect(await running).toMatchObject({ ok: true, requestId: 'req-2', result: { slept: 200 } });
    expect(await waiting).toBeInstanceOf(FunctionPoolClosedError);
    await expect(pool.invoke({ ms: 1 })).rejects.toMatchObject({
      code: 'FUNCTION_POOL_CLOSED',
      message: 'function sleeper is being removed or replaced',
    });
  });
});
