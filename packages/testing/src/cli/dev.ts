import { type FSWatcher, rmSync, watch } from 'node:fs';
import { resolve } from 'node:path';
import type { IamMode } from '../iam/denials.js';
import { deployFolder } from './deploy-folder.js';
import type { CliOutput } from './output.js';
import { runUntilSignal } from './run-until-signal.js';
import { startAnnounced } from './start.js';
import { appCommandOf, synthesize } from './synthesize.js';

export interface DevOptions {
  readonly port: number;
  readonly app?: string;
  readonly dynamodb: boolean;
  /** How deployed IAM policies apply. Default: `enforce`. */
  readonly iam?: IamMode;
  /** The project folder to synthesize and watch. Default: the working directory. */
  readonly dir?: string;
}

/** Changes below these folders are outputs, not sources. */
const IGNORED = /(^|[/\\])(node_modules|cdk\.out|dist|\.git|\.turbo|coverage)([/\\]|$)/;
const DEBOUNCE_MS = 300;

/**
 * `davinci-sandbox dev`: synthesizes the app, deploys it, and redeploys on every change to its
 * sources. A redeploy touches only what changed: unchanged resources are left as they are, and a
 * function whose code changed gets new workers (the running invocations finish on the old code).
 */
export async function devCommand(options: DevOptions, output: CliOutput): Promise<void> {
  const projectDir = resolve(options.dir ?? process.cwd());
  const appCommand = options.app ?? appCommandOf(projectDir);
  const sandbox = await startAnnounced(options, output);
  const assemblies: string[] = [];
  const printOutput = (text: string) => {
    for (const line of text.split('\n')) if (line.trim()) output.line(`synth | ${line}`);
  };
  const cycle = async (first: boolean) => {
    const started = Date.now();
    const folder = await synthesize(appCommand, projectDir, printOutput);
    assemblies.push(folder);
    // Every assembly is kept until the end: a function left unchanged by a redeploy still runs
    // (and starts new workers) from the asset folder of the assembly that created it.
    await deployFolder(sandbox, folder, output, { table: first });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    output.line(
      first ? `ready in ${seconds} s; watching ${projectDir}` : `redeployed in ${seconds} s`,
    );
  };
  try {
    await cycle(true);
  } catch (error) {
    await sandbox.stop();
    throw error;
  }

  // One redeploy at a time; changes during one start the next once it is done.
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let pending = false;
  const changed = new Set<string>();
  const schedule = (file: string) => {
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (pending) return;
      pending = true;
      output.line(`changed: ${[...changed].join(', ')}`);
      changed.clear();
      running = running.then(async () => {
        pending = false;
        try {
          await cycle(false);
        } catch (error) {
          output.error(`redeploy failed: ${(error as Error).message}`);
        }
      });
    }, DEBOUNCE_MS);
  };
  const watcher: FSWatcher = watch(projectDir, { recursive: true }, (_event, file) => {
    if (file && !IGNORED.test(String(file))) schedule(String(file));
  });
  await runUntilSignal(sandbox, output, async () => {
    watcher.close();
    clearTimeout(timer);
    await running;
    for (const folder of assemblies) rmSync(folder, { recursive: true, force: true });
  });
}
