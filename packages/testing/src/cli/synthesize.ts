import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliUsageError } from './errors.js';

/**
 * The context `cdk synth` hands an app: `cdk.json`'s `context` (feature flags among it) under
 * the project's `cdk.context.json`, so the app synthesizes here as it does under the CLI.
 */
export function contextOf(projectDir: string): Record<string, unknown> {
  const read = (name: string): Record<string, unknown> => {
    const file = join(projectDir, name);
    if (!existsSync(file)) return {};
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null
        ? (parsed as Record<string, unknown>)
        : {};
    } catch (error) {
      throw new CliUsageError(`${file} is no JSON: ${(error as Error).message}`);
    }
  };
  const fromCdkJson = read('cdk.json').context;
  return {
    ...(typeof fromCdkJson === 'object' && fromCdkJson !== null ? fromCdkJson : {}),
    ...read('cdk.context.json'),
  };
}

/** The app command of the project's `cdk.json`, as `cdk synth` would run it. */
export function appCommandOf(projectDir: string): string {
  const file = join(projectDir, 'cdk.json');
  if (!existsSync(file)) {
    throw new CliUsageError(`${projectDir} has no cdk.json: pass the synth command with --app`);
  }
  let app: unknown;
  try {
    app = (JSON.parse(readFileSync(file, 'utf8')) as { app?: unknown }).app;
  } catch (error) {
    throw new CliUsageError(`${file} is no JSON: ${(error as Error).message}`);
  }
  if (typeof app !== 'string' || app === '') {
    throw new CliUsageError(`${file} has no "app" command: pass one with --app`);
  }
  return app;
}

/**
 * Runs the app command with `CDK_OUTDIR` set to a fresh folder and the project's context in
 * `CDK_CONTEXT_JSON`, as the CDK CLI does (without the
 * CLI's own start-up), and returns that folder. The app's output goes to `onOutput`.
 */
export function synthesize(
  appCommand: string,
  projectDir: string,
  onOutput: (text: string) => void,
): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'davinci-sandbox-synth-'));
  return new Promise((resolve, reject) => {
    const child = spawn(appCommand, {
      cwd: projectDir,
      shell: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CDK_OUTDIR: outdir,
        CDK_CONTEXT_JSON: JSON.stringify(contextOf(projectDir)),
      },
    });
    let said = '';
    const keep = (chunk: Buffer) => {
      said = (said + chunk.toString()).slice(-4_000);
    };
    child.stdout.on('data', (chunk: Buffer) => onOutput(chunk.toString()));
    child.stderr.on('data', keep);
    child.on('error', (error) => reject(new CliUsageError(`synth failed: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0 && existsSync(join(outdir, 'manifest.json'))) resolve(outdir);
      else
        reject(
          new CliUsageError(`synth (${appCommand}) failed with exit code ${code}\n${said.trim()}`),
        );
    });
  });
}
