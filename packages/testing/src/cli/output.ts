import type { DeployResult, StackProgress } from '../deploy/deployer.js';
import type { SandboxEnv } from '../sandbox.js';
import type { FunctionLogLine } from '../services/lambda/service.js';

/** Where the CLI writes: stdout for what a user reads or evals, stderr for failures. */
export interface CliOutput {
  line(text: string): void;
  error(text: string): void;
}

export const processOutput: CliOutput = {
  line: (text) => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
};

/** `export NAME=value` lines a shell can eval to point SDKs and the AWS CLI at the sandbox. */
export function exportLines(env: SandboxEnv): string[] {
  return Object.entries(env).map(([name, value]) => `export ${name}=${value}`);
}

/** One line per step of a deploy: `deploying <stack> …`, then what it created, and how fast. */
export function progressLine(progress: StackProgress): string {
  if (progress.phase === 'deploying') return `deploying ${progress.stackName} …`;
  const removed = progress.removed > 0 ? `, ${progress.removed} removed` : '';
  return `deployed ${progress.stackName} in ${(progress.durationMs / 1000).toFixed(1)} s: ${progress.changed} changed, ${progress.unchanged} unchanged${removed} (${progress.created} in the sandbox, ${progress.recorded} recorded)`;
}

/** What was deployed, as a table: stack, type and physical id of each resource created. */
export function deployedTable(result: DeployResult): string[] {
  const rows = result.stacks.flatMap((stack) =>
    stack.resources.map((resource) => [
      stack.stackName,
      resource.type.replace(/^AWS::/, ''),
      resource.logicalId,
      resource.physicalId,
    ]),
  );
  return [...columns(['STACK', 'TYPE', 'LOGICAL ID', 'PHYSICAL ID'], rows), result.summary];
}

/** A header and rows as aligned text columns, two spaces apart; the last column is not padded. */
export function columns(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const format = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ');
  return [format(header), ...rows.map(format)];
}

/** A function's log line with the function's name in front, as the CLI prints it. */
export function functionLogLine(entry: FunctionLogLine): string {
  return `${entry.functionName} | ${entry.line}`;
}
