import { join } from 'node:path';
import { type ExampleProgram, examplePrograms, readReadmeBlocks } from '@davinci/readme-examples';
import type { ModuleSystem } from './consumer-project.js';
import type { PublishedFolder } from './release-copy.js';

/** The first example of one package's README, laid out as files of a user's project. */
export interface FirstExample {
  readonly folder: PublishedFolder;
  /** README lines the example comes from, for failure messages. */
  readonly lines: readonly number[];
  /** The files, by name, written into the example's own folder of the project. */
  readonly files: Readonly<Record<string, string>>;
  /** How the example is run: a program with tsx, or `cdk synth` (with the README's cdk.json). */
  readonly run: { readonly program: string } | { readonly cdkSynth: true };
}

/** The cdk.json the cdk README gives; the rehearsal checks the README still says so. */
export const CDK_JSON = '{ "app": "node --import tsx app.ts" }';

/**
 * Each package's first example, read from the README installed with it:
 * - orm and testing: the first program;
 * - event-bus: the files of its first project (events, service, handlers) and the program that
 *   calls a handler, with the seed's `tables.ts` that its prose assumes (cdk's README gives it);
 * - cdk: the files of its first project, synthesized with `cdk synth`.
 *
 * A CommonJS module has no top-level await, so there a program's statements run in an async
 * `main()`, as a CommonJS user writes it; module files (with exports) are kept as they are.
 */
export function firstExample(
  nodeModules: string,
  folder: PublishedFolder,
  moduleSystem: ModuleSystem,
): FirstExample {
  const programs = programsOf(nodeModules, folder);
  const asRunnable = (program: ExampleProgram) =>
    moduleSystem === 'commonjs' ? inAsyncMain(program.code) : program.code;
  switch (folder) {
    case 'orm':
    case 'testing': {
      const first = required(programs[0], folder);
      return {
        folder,
        lines: [first.line],
        files: { 'example.ts': asRunnable(first) },
        run: { program: 'example.ts' },
      };
    }
    case 'event-bus': {
      const files = leadingFiles(programs);
      const caller = required(programs[files.length], folder);
      return {
        folder,
        lines: [...files, caller].map((program) => program.line),
        files: {
          'tables.ts': seedTables(nodeModules),
          ...Object.fromEntries(files.map((program) => [program.fileName, program.code])),
          'example.ts': asRunnable(caller),
        },
        run: { program: 'example.ts' },
      };
    }
    case 'cdk': {
      const files = leadingFiles(programs);
      return {
        folder,
        lines: files.map((program) => program.line),
        files: {
          ...Object.fromEntries(files.map((program) => [program.fileName, program.code])),
          'cdk.json': `${CDK_JSON}\n`,
        },
        run: { cdkSynth: true },
      };
    }
  }
}

/**
 * The programs of a README's opening blocks: its leading `file=` blocks and the block after them
 * (later blocks are other examples, with contexts of their own tests).
 */
function programsOf(nodeModules: string, folder: PublishedFolder): ExampleProgram[] {
  const blocks = readReadmeBlocks(join(nodeModules, '@davinci', folder, 'README.md'));
  const firstProgram = blocks.findIndex((block) => block.file === undefined);
  const opening = blocks.slice(0, firstProgram === -1 ? blocks.length : firstProgram + 1);
  return examplePrograms(opening, {
    // event-bus: the handler program calls the handler its project's event-handlers.ts exports.
    handlers: { declarations: "import { handleUserCreated } from './event-handlers.js';" },
  }).programs;
}

/** The `file=` blocks a README opens with: the files of its first project. */
function leadingFiles(programs: readonly ExampleProgram[]): ExampleProgram[] {
  const end = programs.findIndex((program) => program.fileName.startsWith('example-'));
  return programs.slice(0, end === -1 ? programs.length : end);
}

function seedTables(nodeModules: string): string {
  const tables = programsOf(nodeModules, 'cdk').find((program) => program.fileName === 'tables.ts');
  return required(tables, 'cdk').code;
}

function required(program: ExampleProgram | undefined, folder: string): ExampleProgram {
  if (!program) throw new Error(`the installed @davinci/${folder} README has no such example`);
  return program;
}

const LEADING_IMPORTS = /^(?:\s*import\s[\s\S]*?\sfrom\s+(['"])[^'"]+\1;?[ \t]*\n)*/;

/** The module's imports, then its other statements inside `async function main()`. */
export function inAsyncMain(code: string): string {
  const imports = LEADING_IMPORTS.exec(code)?.[0] ?? '';
  const body = code.slice(imports.length).trim();
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
