import { deployApp, type SynthesizableApp } from '../helpers/deploy-app.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../sandbox.js';

/** What the sandbox of a test file or run deploys once it runs. */
export interface SandboxPreparation extends SandboxOptions {
  /** A cloud assembly folder (`cdk.out`), or an app to synthesize, deployed before the tests. */
  readonly deploy?: string | SynthesizableApp;
}

/** Starts a sandbox and deploys what it is given; stops it again when the deploy fails. */
export async function startPrepared({ deploy, ...options }: SandboxPreparation): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  try {
    if (typeof deploy === 'string') await sandbox.deploy(deploy);
    else if (deploy !== undefined) await deployApp(sandbox, deploy);
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  return sandbox;
}
