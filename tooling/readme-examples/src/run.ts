import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExampleProgram } from './programs.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** What a user's strict project would check; `types` keeps ambient globals to Node's. */
export const STRICT_COMPILER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2023'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
} as const;

/**
 * Where the programs are written: a folder inside the package, so `@davinci/<package>` resolves
 * to the built package exactly as in a user's project (through its `exports`), and the
 * package's own dependencies resolve too.
 */
export function writePrograms(
  packageDir: string,
  programs: readonly ExampleProgram[],
  /** Files the README's prose assumes (e.g. `tables.ts`), by name. */
  files: Readonly<Record<string, string>> = {},
): string {
  const dir = join(packageDir, '.readme-examples');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), code);
  for (const program of programs) writeFileSync(join(dir, program.fileName), program.code);
  const tsconfig = { compilerOptions: STRICT_COMPILER_OPTIONS, include: ['*.mts', '*.ts'] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  return dir;
}

/**
 * Type-checks the project in `dir` (its tsconfig.json); returns tsc's diagnostics, empty when all
 * compiles. `tsc` is the compiler to use (default: this package's TypeScript).
 */
export async function typeCheckPrograms(
  dir: string,
  options: { tsc?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const tsc = options.tsc ?? require.resolve('typescript/lib/tsc.js');
  const result = await runCommand(
    process.execPath,
    [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'],
    { cwd: dir, env: options.env ?? process.env, timeout: 180_000 },
  );
  return result.exitCode === 0 ? '' : `${result.stdout}${result.stderr}`.trim();
}

export interface ProgramRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one program with Node and tsx, as the README tells a user to; bounded by `timeoutMs`. */
export function runProgram(
  dir: string,
  program: ExampleProgram,
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<ProgramRun> {
  const loader = import.meta.resolve('tsx');
  return runCommand(process.execPath, ['--import', loader, join(dir, program.fileName)], {
    cwd: dir,
    env,
    timeout: timeoutMs,
  });
}

/** Runs a command to its end (SIGKILL past `timeout`), and says how it ended instead of throwing. */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeout: number },
): Promise<ProgramRun> {
  try {
    const { stdout, stderr } = await run(command, [...args], {
      ...options,
      killSignal: 'SIGKILL',
      maxBuffer: 32 * 1024 * 1024,
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
    return {
      exitCode: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr || failed.message,
    };
  }
}
