import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runCommand, STRICT_COMPILER_OPTIONS, typeCheckPrograms } from '@davinci/readme-examples';

/** The module system of a project: `"type": "module"`, or none (CommonJS, as `cdk init` makes it). */
export type ModuleSystem = 'esm' | 'commonjs';

/** What a user's project adds beside `@davinci/*`: the libraries the READMEs import, and tools. */
const THIRD_PARTY: readonly { name: string; from: string }[] = [
  { name: 'zod', from: 'packages/event-bus' },
  { name: '@aws-sdk/client-dynamodb', from: 'packages/orm' },
  { name: '@aws-sdk/client-eventbridge', from: 'packages/event-bus' },
  { name: '@aws-sdk/client-sqs', from: 'packages/testing' },
  // The testing README's SES example.
  { name: '@aws-sdk/client-sesv2', from: 'packages/testing' },
  { name: 'aws-cdk-lib', from: 'packages/cdk' },
  { name: 'constructs', from: 'packages/cdk' },
  { name: 'aws-cdk', from: 'packages/cdk' },
  // The cdk README's "run cdk-nag on yours".
  { name: 'cdk-nag', from: 'packages/cdk' },
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
        compilerOptions: STRICT_COMPILER_OPTIONS,
        include: ['**/*.ts'],
        exclude: ['node_modules', 'cdk.out', '**/cdk.out'],
      },
      null,
      2,
    )}\n`,
  );
  const added = await runCommand(
    'pnpm',
    ['add', '--prefer-offline', ...options.packages, ...options.thirdParty],
    { cwd: dir, env: options.env, timeout: 240_000 },
  );
  if (added.exitCode !== 0) {
    // What pnpm said is the diagnosis (a registry it cannot reach, a TLS proxy it does not trust).
    const said = `${added.stdout}\n${added.stderr}`.trim().slice(-4_000);
    throw new Error(`pnpm add failed in ${dir} (exit ${added.exitCode})\n${said}`);
  }
  return dir;
}

/** Type-checks the project with its strict tsconfig and its own TypeScript; empty when clean. */
export function typeCheckProject(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const tsc = join(
    dirname(createRequire(join(dir, 'package.json')).resolve('typescript')),
    'tsc.js',
  );
  return typeCheckPrograms(dir, { tsc, env });
}
