import { afterAll, beforeAll } from 'vitest';
import type { Sandbox } from '../sandbox.js';
import { type SandboxPreparation, startPrepared } from './prepare.js';

/** Options of {@link useSandbox}. */
export interface SandboxPerFileOptions extends SandboxPreparation {
  /**
   * Also point this file's AWS SDK clients at the sandbox, through `process.env` (restored after
   * the file). Default: true.
   */
  readonly setEnv?: boolean;
  /** How long starting and deploying may take, in milliseconds. Default: 120 000. */
  readonly timeout?: number;
}

/**
 * A sandbox for the tests of one file: started (and its app deployed) before them, stopped after.
 * Returns a function that gives the running sandbox inside tests.
 *
 * ```ts
 * const sandbox = useSandbox({ deploy: 'cdk.out' });
 * it('handles the event', async () => { await sandbox().lambda.invoke('handler', {}); });
 * ```
 */
export function useSandbox(options: SandboxPerFileOptions = {}): () => Sandbox {
  const { setEnv = true, timeout = 120_000, ...preparation } = options;
  let sandbox: Sandbox | undefined;
  const saved = new Map<string, string | undefined>();
  beforeAll(async () => {
    sandbox = await startPrepared(preparation);
    if (setEnv) {
      for (const [name, value] of Object.entries(sandbox.env)) {
        saved.set(name, process.env[name]);
        process.env[name] = value;
      }
    }
  }, timeout);
  afterAll(async () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await sandbox?.stop();
  });
  return () => {
    if (!sandbox) throw new Error('useSandbox: the sandbox runs only inside the tests of its file');
    return sandbox;
  };
}
