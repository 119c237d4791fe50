import { join } from 'node:path';
import { examplePrograms, type ReadmeSetup, readReadmeBlocks } from '@davinci/readme-examples';
import { readmeSetup as cdk } from '../../../packages/cdk/test/readme-setup.js';
import { readmeSetup as eventBus } from '../../../packages/event-bus/test/readme-setup.js';
import { readmeSetup as orm } from '../../../packages/orm/test/readme-setup.js';
import { readmeSetup as testing } from '../../../packages/testing/test/readme-setup.js';
import type { ModuleSystem } from './consumer-project.js';
import type { PublishedFolder } from './release-copy.js';

/**
 * What each README's prose assumes: the modules its own README test uses, so the installed
 * README's programs are built exactly as the package's test builds them from the workspace's.
 */
const SETUPS: Readonly<Record<PublishedFolder, ReadmeSetup>> = {
  orm,
  'event-bus': eventBus,
  testing,
  cdk,
};

/** One program of an installed README, as a file of the user's project. */
export interface InstalledProgram {
  /** The README line its block opens on, for failure messages. */
  readonly line: number;
  /** Its file in the package's folder of the project. */
  readonly fileName: string;
  readonly code: string;
  /** What the README says it prints, where it says so. */
  readonly printed?: string;
  /** How it runs: with tsx, or (the cdk project's `app.ts`) through `cdk synth`. */
  readonly run: 'tsx' | 'cdk synth';
}

/** Every program of one package's README, read from the README installed with the package. */
export interface InstalledReadme {
  readonly folder: PublishedFolder;
  /** Every file written into the package's folder of the project, by name. */
  readonly files: Readonly<Record<string, string>>;
  /** In README order. */
  readonly programs: readonly InstalledProgram[];
}

/** The cdk.json the cdk README gives; the rehearsal checks the README still says so. */
export const CDK_JSON = '{ "app": "node --import tsx app.ts" }';

/**
 * Every program of the installed README of `@davinci/<folder>`, with the files its prose assumes:
 * - `file=` blocks are the files of one project, kept as written (they are modules);
 * - every other block is a program of its own, `example-L<line>.ts`. A CommonJS module has no
 *   top-level await, so there its statements run in an async `main()`, as a CommonJS user
 *   writes it.
 * The cdk project's `app.ts` is what `cdk synth` runs, with the README's `cdk.json`.
 */
export function installedReadme(
  nodeModules: string,
  folder: PublishedFolder,
  moduleSystem: ModuleSystem,
): InstalledReadme {
  const setup = SETUPS[folder];
  const blocks = readReadmeBlocks(join(nodeModules, '@davinci', folder, 'README.md'));
  const { programs } = examplePrograms(blocks, setup.contexts);
  const installed = programs.map((program, index): InstalledProgram => {
    const standalone = program.fileName === `${program.name}.mts`;
    const code =
      standalone && moduleSystem === 'commonjs' ? inAsyncMain(program.code) : program.code;
    const printed = setup.printed?.[index];
    return {
      line: program.line,
      fileName: standalone ? `${program.name}.ts` : program.fileName,
      code,
      ...(printed === undefined ? {} : { printed }),
      run: folder === 'cdk' && program.fileName === 'app.ts' ? 'cdk synth' : 'tsx',
    };
  });
  const files: Record<string, string> = { ...setup.files };
  for (const program of installed) files[program.fileName] = program.code;
  if (folder === 'cdk') files['cdk.json'] = `${CDK_JSON}\n`;
  return { folder, files, programs: installed };
}

const LEADING_IMPORTS = /^(?:\s*import\s[\s\S]*?\sfrom\s+(['"])[^'"]+\1;?[ \t]*\n)*/;

/** `export` before a declaration at the start of a line. */
const EXPORTED_DECLARATION =
  /^export\s+(?=(?:const|let|var|function|async\s+function|class|type|interface|enum)\s)/gm;

/**
 * The module's imports, then its other statements inside `async function main()`. A program that
 * builds on a block exporting its tables declares them in `main()` instead: a function exports
 * nothing.
 */
export function inAsyncMain(code: string): string {
  const imports = LEADING_IMPORTS.exec(code)?.[0] ?? '';
  const body = code.slice(imports.length).replace(EXPORTED_DECLARATION, '').trim();
  return `${imports.trim()}

async function main(): Promise<void> {
${body}
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;
}
