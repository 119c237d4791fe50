import type { DeployOptions, DeployResult } from '../deploy/deployer.js';
import type { Sandbox } from '../sandbox.js';

/**
 * What `deployApp` synthesizes: a CDK `App` (an @davinci/cdk `Application` is one), or anything
 * whose `synth()` returns a cloud assembly with its `directory`.
 */
export interface SynthesizableApp {
  synth(): { readonly directory: string };
}

/**
 * Synthesizes `app` and deploys its cloud assembly into the sandbox, in one step:
 *
 * ```ts
 * const { outputs } = await deployApp(sandbox, app);
 * ```
 */
export async function deployApp(
  sandbox: Pick<Sandbox, 'deploy'>,
  app: SynthesizableApp,
  options?: DeployOptions,
): Promise<DeployResult> {
  return sandbox.deploy(app.synth().directory, options);
}
