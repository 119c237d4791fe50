import { resolve } from 'node:path';
import type { DeployResult } from '../deploy/deployer.js';
import { DEPLOY_PATH } from '../services/control/service.js';
import { requireCloudAssembly } from './deploy-folder.js';
import { CliUsageError } from './errors.js';
import { type CliOutput, deployedTable } from './output.js';

export interface DeployCommandOptions {
  readonly endpoint: string;
  readonly stacks?: readonly string[];
}

/** `davinci-sandbox deploy <cdk.out>`: deploys into a sandbox that `start` or `dev` runs. */
export async function deployCommand(
  folder: string,
  options: DeployCommandOptions,
  output: CliOutput,
): Promise<void> {
  const cloudAssembly = resolve(folder);
  requireCloudAssembly(cloudAssembly);
  let response: Response;
  try {
    response = await fetch(new URL(DEPLOY_PATH, options.endpoint), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cloudAssembly, ...(options.stacks && { stacks: options.stacks }) }),
    });
  } catch (error) {
    throw new CliUsageError(
      `no sandbox answers at ${options.endpoint} (${(error as Error).message}); start one with \`davinci-sandbox start\``,
    );
  }
  const body = (await response.json()) as DeployResult & { __type?: string; message?: string };
  if (!response.ok) throw new CliUsageError(`deploy failed: ${body.__type}: ${body.message}`);
  for (const line of deployedTable(body)) output.line(line);
}
