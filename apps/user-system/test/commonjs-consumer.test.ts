import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGES = ['orm', 'event-bus', 'cdk', 'testing'] as const;
const tsc = join(repo, 'node_modules/typescript/bin/tsc');

/** Every entry point a package exports, as a CommonJS user would require it. */
function entryPoints(name: (typeof PACKAGES)[number]): string[] {
  const { exports } = JSON.parse(
    readFileSync(join(repo, 'packages', name, 'package.json'), 'utf8'),
  );
  return Object.keys(exports)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => `@davinci/${name}${subpath.slice(1)}`);
}

/**
 * A project without `"type": "module"` (CommonJS, as `cdk init app --language typescript` makes
 * it) whose node_modules link the built packages, so Node and TypeScript resolve them through
 * their `exports` maps exactly as after an install.
 */
describe('a CommonJS project', () => {
  let project: string;

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'davinci-cjs-'));
    mkdirSync(join(project, 'node_modules/@davinci'), { recursive: true });
    for (const name of PACKAGES) {
      symlinkSync(
        join(repo, 'packages', name),
        join(project, 'node_modules/@davinci', name),
        'dir',
      );
    }
    // The Node types, which a cdk init project has as a devDependency.
    mkdirSync(join(project, 'node_modules/@types'), { recursive: true });
    symlinkSync(join(repo, 'node_modules/@types/node'), join(project, 'node_modules/@types/node'));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'cjs-app', private: true }),
    );
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('requires every entry point of every package, without a warning', async () => {
    const specifiers = PACKAGES.flatMap(entryPoints);
    writeFileSync(
      join(project, 'require-all.cjs'),
      `const specifiers = ${JSON.stringify(specifiers)};
const loaded = Object.fromEntries(specifiers.map((s) => [s, Object.keys(require(s)).sort()]));
console.log(JSON.stringify(loaded));`,
    );
    const { stdout, stderr } = await run(process.execPath, ['require-all.cjs'], { cwd: project });
    expect(stderr).toBe('');
    const loaded = JSON.parse(stdout) as Record<string, string[]>;
    expect(Object.keys(loaded)).toEqual([
      '@davinci/orm',
      '@davinci/orm/attr',
      '@davinci/orm/discovery',
      '@davinci/orm/requests',
      '@davinci/event-bus',
      '@davinci/cdk',
      '@davinci/testing',
      '@davinci/testing/vitest',
    ]);
    expect(loaded['@davinci/orm']).toEqual(
      expect.arrayContaining(['TableClient', 'ValidationError', 'attr', 'defineTable']),
    );
    expect(loaded['@davinci/orm/discovery']).toEqual([
      'DiscoveryVariables',
      'EVENT_BUS_LOGICAL_NAME',
      'discoverEventBusName',
      'physicalName',
      'resolveEventSource',
      'resolveTableName',
      'tableEnvVar',
    ]);
    expect(loaded['@davinci/event-bus']).toEqual(
      expect.arrayContaining(['EventPublisher', 'createEventHandler', 'defineEventHandler']),
    );
    expect(loaded['@davinci/cdk']).toEqual(expect.arrayContaining(['Application']));
    expect(loaded['@davinci/testing']).toEqual(expect.arrayContaining(['startSandbox']));
    expect(loaded['@davinci/testing/vitest']).toEqual(['sandboxPerRun', 'useSandbox']);
  });

  it("type-checks with cdk init's compiler settings, compiles to CommonJS and synthesizes", async () => {
    mkdirSync(join(project, 'bin'), { recursive: true });
    // The settings `cdk init app --language typescript` writes that decide module resolution.
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['es2022'],
          strict: true,
          skipLibCheck: true,
          types: ['node'],
          outDir: 'dist',
        },
        include: ['bin'],
      }),
    );
    writeFileSync(
      join(project, 'bin/app.ts'),
      `import { Application } from '@davinci/cdk';
import { attr, defineTable } from '@davinci/orm';
import { physicalName } from '@davinci/orm/discovery';

const Users = defineTable({ name: 'users', partitionKey: 'user_id', attributes: { user_id: attr.string() } });
const app = new Application({ appName: 'cjs-app', deploymentId: 'dev', enableEventBus: true, outdir: process.argv[2] });
app.addTable(Users);
const assembly = app.synth();
console.log(JSON.stringify({
  stacks: assembly.stacks.map((stack) => stack.stackName),
  table: physicalName('cjs-app', 'dev', Users.name),
  module: typeof module,
}));
`,
    );
    await run(process.execPath, [tsc, '-p', project], { cwd: project });
    const emitted = readFileSync(join(project, 'dist/app.js'), 'utf8');
    expect(emitted).toContain('require("@davinci/cdk")');
    const { stdout, stderr } = await run(
      process.execPath,
      ['dist/app.js', join(project, 'cdk.out')],
      { cwd: project, env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' } },
    );
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      stacks: expect.arrayContaining(['cjs-app-dev']),
      table: 'cjs-app-dev-users',
      module: 'object',
    });
  }, 120_000);
});
