import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The module system of a project: `"type": "module"`, or none (CommonJS, as `cdk init` makes it). */
export type ModuleSystem = 'esm' | 'commonjs';

/** What a user's project adds beside `@davinci/*`: the libraries the READMEs import, and tools. */
const THIRD_PARTY: readonly { name: string; from: string }[] = [
  { name: 'zod', from: 'packages/event-bus' },
  { name: '@aws-sdk/client-dynamodb', from: 'packages/orm' },
  { name: '@aws-sdk/client-eventbridge', from: 'packages/event-bus' },
  { name: '@aws-sdk/client-sqs', from: 'packages/testing' },
  { name: 'aws-cdk-lib', from: 'packages/cdk' },
  { name: 'constructs', from: 'packages/cdk' },
  { name: 'aws-cdk', from: 'packages/cdk' },
  { name: 'tsx', from: 'packages/orm' },
  { name: 'typescript', from: '.' },
  { name: '@types/node', from: '.' },
];

/**
 * The versions the workspace has installed, so the project resolves from the same store: the
 * rehearsal tests our packages, not whatever the registry published this morning.
 */
export function workspaceVersions(repo: string): string[] {
  return THIRD_PARTY.map(({ name, from }) => {
    const require = createRequire(join(repo, from, 'package.json'));
    const manifest = require(`${name}/package.json`) as { version: string };
    return `${name}@${manifest.version}`;
  });
}

export interface ConsumerProjectOptions {
  readonly dir: string;
  readonly moduleSystem: ModuleSystem;
  /** The registry `@davinci/*` comes from; everything else comes from the machine's own. */
  readonly registry: string;
  /** `@davinci/<name>@<version>` for each package to add. */
  readonly packages: readonly string[];
  /** Third-party `name@version`s to add. */
  readonly thirdParty: readonly string[];
  /** Environment of the `pnpm add` (e.g. the PATH holding the Node under test). */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * A fresh project outside the workspace, as a user makes one: a manifest, an `.npmrc` that takes
 * `@davinci/*` from `registry`, `pnpm add` of the packages, and a strict tsconfig.
 */
export async function createConsumerProject(options: ConsumerProjectOptions): Promise<string> {
  const { dir } = options;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: `consumer-${options.moduleSystem}`,
        private: true,
        ...(options.moduleSystem === 'esm' ? { type: 'module' } : {}),
        pnpm: { onlyBuiltDependencies: ['esbuild'] },
      },
      null,
      2,
    )}\n`,
  );
  // A cache of its own: package metadata from an earlier rehearsal on the same port (the same
  // version with other contents) must not be reused.
  writeFileSync(
    join(dir, '.npmrc'),
    `@davinci:registry=${options.registry}\ncache-dir=${join(dir, '.pnpm-cache')}\n`,
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    `${JSON.stringify(
      {
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
        include: ['**/*.ts'],
        exclude: ['node_modules', 'cdk.out', '**/cdk.out'],
      },
      null,
      2,
    )}\n`,
  );
  try {
    await run('pnpm', ['add', '--prefer-offline', ...options.packages, ...options.thirdParty], {
      cwd: dir,
      env: options.env,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 240_000,
      killSignal: 'SIGKILL',
    });
  } catch (error) {
    // What pnpm said is the diagnosis (a registry it cannot reach, a TLS proxy it does not trust).
    const failed = error as { stdout?: string; stderr?: string; message: string };
    const said = `${failed.stdout ?? ''}\n${failed.stderr ?? ''}`.trim().slice(-4_000);
    throw new Error(`pnpm add failed in ${dir}: ${failed.message.split('\n')[0]}\n${said}`);
  }
  return dir;
}

/** Type-checks the project with its strict tsconfig; returns tsc's diagnostics, empty when clean. */
export async function typeCheckProject(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const tsc = join(
    dirname(createRequire(join(dir, 'package.json')).resolve('typescript')),
    'tsc.js',
  );
  try {
    await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: dir,
      env,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 180_000,
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
