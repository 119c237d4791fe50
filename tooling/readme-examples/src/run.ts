import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExampleProgram } from './programs.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

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
  // What a user's strict project would check; `types` keeps ambient globals to Node's.
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['*.mts', '*.ts'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  return dir;
}

/** Type-checks every program in `dir`; returns tsc's diagnostics, empty when all compile. */
export async function typeCheckPrograms(dir: string): Promise<string> {
  const tsc = require.resolve('typescript/lib/tsc.js');
  try {
    await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    });
    return '';
  } catch (error) {
    const { stdout, stderr, message } = error as {
      stdout?: string;
      stderr?: string;
      message: string;
    };
    return `${stdout ?? ''}${stderr ?? ''}`.trim() || message;
  }
}

export interface ProgramRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one program with Node and tsx, as the README tells a user to; bounded by `timeoutMs`. */
export async function runProgram(
  dir: string,
  program: ExampleProgram,
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<ProgramRun> {
  const loader = import.meta.resolve('tsx');
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', loader, join(dir, program.fileName)],
      { cwd: dir, env, timeout: timeoutMs, killSignal: 'SIGKILL' },
    );
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
