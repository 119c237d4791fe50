import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployResult } from '../deploy/deployer.js';
import type { Sandbox } from '../sandbox.js';
import { CliUsageError } from './errors.js';
import { type CliOutput, deployedTable, progressLine } from './output.js';

/** Fails, saying what to run, unless `folder` holds a cloud assembly (its `manifest.json`). */
export function requireCloudAssembly(folder: string): void {
  if (!existsSync(join(folder, 'manifest.json'))) {
    throw new CliUsageError(
      `${folder} is no cloud assembly: it has no manifest.json (run cdk synth)`,
    );
  }
}

/** Deploys a `cdk.out` folder into a sandbox of this process, printing progress and the table. */
export async function deployFolder(
  sandbox: Pick<Sandbox, 'deploy'>,
  folder: string,
  output: CliOutput,
  options: { readonly stacks?: readonly string[]; readonly table?: boolean } = {},
): Promise<DeployResult> {
  requireCloudAssembly(folder);
  const result = await sandbox.deploy(folder, {
    ...(options.stacks && { stacks: options.stacks }),
    onStack: (progress) => output.line(progressLine(progress)),
  });
  if (options.table !== false) for (const line of deployedTable(result)) output.line(line);
  return result;
}
