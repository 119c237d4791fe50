import { resolve } from 'node:path';
import type { IamMode } from '../iam/denials.js';
import { type Sandbox, startSandbox } from '../sandbox.js';
import { deployFolder } from './deploy-folder.js';
import { type CliOutput, exportLines, functionLogLine } from './output.js';
import { runUntilSignal } from './run-until-signal.js';

export interface StartOptions {
  readonly port: number;
  readonly deploy?: string;
  readonly dynamodb: boolean;
  /** How deployed IAM policies apply. Default: `enforce`. */
  readonly iam?: IamMode;
}

/**
 * Starts the sandbox as `start` and `dev` run it: every function log line printed with its
 * function's name, then the endpoint and the environment to export.
 */
export async function startAnnounced(
  options: { readonly port: number; readonly dynamodb: boolean; readonly iam?: IamMode },
  output: CliOutput,
): Promise<Sandbox> {
  const sandbox = await startSandbox({
    port: options.port,
    ...(!options.dynamodb && { dynamodb: false }),
    ...(options.iam !== undefined && { iam: options.iam }),
    onFunctionLog: (entry) => output.line(functionLogLine(entry)),
  });
  output.line(`sandbox running at ${sandbox.endpoint}`);
  for (const line of exportLines(sandbox.env)) output.line(line);
  return sandbox;
}

/**
 * `davinci-sandbox start`: the endpoint, the environment to export, then (with `--deploy`) a
 * progress line per stack and a table of what was deployed, then the functions' logs as they
 * come, until Ctrl-C.
 */
export async function startCommand(options: StartOptions, output: CliOutput): Promise<void> {
  const sandbox = await startAnnounced(options, output);
  if (options.deploy !== undefined) {
    try {
      await deployFolder(sandbox, resolve(options.deploy), output);
    } catch (error) {
      await sandbox.stop();
      throw error;
    }
  }
  output.line('function logs follow; Ctrl-C stops the sandbox');
  await runUntilSignal(sandbox, output);
}
