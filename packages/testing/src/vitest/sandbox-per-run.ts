import type { SandboxPreparation } from './prepare.js';
import { startPrepared } from './prepare.js';

/** Options of {@link sandboxPerRun}. */
export type SandboxPerRunOptions = SandboxPreparation;

/**
 * A vitest global setup with one sandbox for the whole test run: started, and its app deployed,
 * before any test file, and stopped after the last. Every file reaches it through the AWS SDK's
 * own environment (`AWS_ENDPOINT_URL`, …), so the code under test resolves endpoints as in AWS.
 *
 * ```ts
 * // vitest.global-setup.ts, named in vitest.config.ts as `test.globalSetup`
 * import { sandboxPerRun } from '@davinci/testing/vitest';
 * export default sandboxPerRun({ deploy: 'cdk.out' });
 * ```
 */
export function sandboxPerRun(
  options: SandboxPerRunOptions = {},
): () => Promise<() => Promise<void>> {
  return async () => {
    const sandbox = await startPrepared(options);
    // Test workers start after global setup and inherit this process's environment.
    Object.assign(process.env, sandbox.env);
    return () => sandbox.stop();
  };
}
