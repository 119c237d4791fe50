import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DynamoDbLocal, startDynamoDbLocal } from '@davinci/dynamodb-local';
import { type ProgramRun, runCommand } from '@davinci/readme-examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConsumerProject,
  type ModuleSystem,
  typeCheckProject,
  workspaceVersions,
} from '../src/consumer-project.js';
import {
  CDK_JSON,
  type InstalledProgram,
  type InstalledReadme,
  installedReadme,
} from '../src/installed-readmes.js';
import { type LocalRegistry, startLocalRegistry } from '../src/local-registry.js';
import {
  copyForRelease,
  PUBLISHED,
  type PublishedFolder,
  readManifest,
} from '../src/release-copy.js';

/**
 * The release, rehearsed end to end on the Node running this test (CI runs it on 20, 22 and 24):
 * version the packages from the pending changesets in a copy of the repository, publish them to a
 * local registry, install them into fresh ESM and CommonJS projects outside the workspace, and
 * type-check and run every README example there, from the READMEs that were installed.
 */
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const publishCommand = fileURLToPath(
  new URL('../bin/publish-to-local-registry.mjs', import.meta.url),
);

type Finished = ProgramRun;

/** Runs a command to its end; two minutes unless told otherwise. */
function finish(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeout?: number },
): Promise<Finished> {
  return runCommand(command, args, { ...options, timeout: options.timeout ?? 120_000 });
}

/** This process's environment without any npm setting, which would reach every child. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) && name !== 'NODE_OPTIONS') env[name] = value;
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
}

async function registryDocument(registry: LocalRegistry, name: string) {
  const response = await fetch(new URL(name.replace('/', '%2f'), registry.url));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Processes whose command line mentions `text` (Linux's /proc), as `pid: command`. */
function processesMentioning(text: string): string[] {
  if (!existsSync('/proc/self/cmdline')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .flatMap((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
        return command.includes(text) ? [`${pid}: ${command}`] : [];
      } catch {
        return []; // ended while being read
      }
    });
}

let root: string;
let registry: LocalRegistry;
const releaseCopy = () => join(root, 'release');
const versions = new Map<string, string>();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'davinci-rehearsal-'));
  registry = await startLocalRegistry({ dir: join(root, 'registry') });
  copyForRelease(repo, releaseCopy());
}, 90_000);

afterAll(async () => {
  await registry?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the release rehearsal', () => {
  it('versions every published package from the pending changesets', async () => {
    const before = PUBLISHED.map((folder) => readManifest(join(repo, 'packages', folder)).version);
    const changeset = join(repo, 'node_modules/@changesets/cli/bin.js');
    const result = await finish(process.execPath, [changeset, 'version'], {
      cwd: releaseCopy(),
      env: cleanEnv(),
    });
    expect(result.exitCode, result.stderr).toBe(0);
    for (const [index, folder] of PUBLISHED.entries()) {
      const dir = join(releaseCopy(), 'packages', folder);
      const { name, version } = readManifest(dir);
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(version, name).not.toBe(before[index]);
      expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toContain(`## ${version}\n`);
      versions.set(name, version);
    }
    // The changesets are consumed; the repository itself is untouched.
    expect(readdirSync(join(releaseCopy(), '.changeset')).filter((f) => f.endsWith('.md'))).toEqual(
      ['README.md'],
    );
    expect(readManifest(join(repo, 'packages/orm')).version).toBe(before[0]);
  });

  it('refuses to publish unless NPM_CONFIG_REGISTRY is the local registry', async () => {
    const attempts: Record<string, NodeJS.ProcessEnv> = {
      'no rehearsal registry': { NPM_CONFIG_REGISTRY: registry.url },
      'the public registry': {
        RELEASE_REHEARSAL_REGISTRY: registry.url,
        NPM_CONFIG_REGISTRY: 'https://registry.npmjs.org/',
      },
      'no registry at all': { RELEASE_REHEARSAL_REGISTRY: registry.url },
      'a rehearsal registry off loopback': {
        RELEASE_REHEARSAL_REGISTRY: 'https://registry.npmjs.org/',
        NPM_CONFIG_REGISTRY: 'https://registry.npmjs.org/',
      },
    };
    const outcomes = await Promise.all(
      Object.values(attempts).map((extra) =>
        finish(process.execPath, [publishCommand], {
          cwd: releaseCopy(),
          env: { ...cleanEnv(), ...extra },
        }),
      ),
    );
    expect(Object.fromEntries(Object.keys(attempts).map((name, i) => [name, outcomes[i]]))).toEqual(
      {
        'no rehearsal registry': {
          exitCode: 2,
          stdout: '',
          stderr:
            'publish-to-local-registry: refused, nothing was published: RELEASE_REHEARSAL_REGISTRY is not set; this command publishes only inside the release rehearsal\n',
        },
        'the public registry': {
          exitCode: 2,
          stdout: '',
          stderr: `publish-to-local-registry: refused, nothing was published: NPM_CONFIG_REGISTRY is "https://registry.npmjs.org/", not the rehearsal's local registry ${registry.url}\n`,
        },
        'no registry at all': {
          exitCode: 2,
          stdout: '',
          stderr: `publish-to-local-registry: refused, nothing was published: NPM_CONFIG_REGISTRY is null, not the rehearsal's local registry ${registry.url}\n`,
        },
        'a rehearsal registry off loopback': {
          exitCode: 2,
          stdout: '',
          stderr:
            'publish-to-local-registry: refused, nothing was published: RELEASE_REHEARSAL_REGISTRY must be an http:// URL on loopback, got "https://registry.npmjs.org/"\n',
        },
      },
    );
    expect((await registryDocument(registry, '@davinci/orm')).status).toBe(404);
  });

  it('publishes every package to the local registry, with workspace ranges made real', async () => {
    // The publishing token lives in a user config of the copy's own: no other npm config applies.
    const userConfig = join(releaseCopy(), '.npmrc');
    const host = registry.url.replace(/^http:/, '');
    writeFileSync(
      userConfig,
      `registry=${registry.url}\n@davinci:registry=${registry.url}\n${host}:_authToken=${registry.token}\n`,
    );
    const result = await finish(process.execPath, [publishCommand], {
      cwd: releaseCopy(),
      env: {
        ...cleanEnv(),
        RELEASE_REHEARSAL_REGISTRY: registry.url,
        NPM_CONFIG_REGISTRY: registry.url,
        NPM_CONFIG_USERCONFIG: userConfig,
      },
      timeout: 180_000,
    });
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    for (const [name, version] of versions) {
      const { status, body } = await registryDocument(registry, name);
      expect(status, name).toBe(200);
      const published = (body.versions as Record<string, Record<string, unknown>>)[version];
      expect(Object.keys(body.versions as object), name).toEqual([version]);
      expect(JSON.stringify(published), name).not.toContain('workspace:');
    }
    const cdk = (await registryDocument(registry, '@davinci/cdk')).body.versions as Record<
      string,
      { dependencies: Record<string, string> }
    >;
    expect(cdk[versions.get('@davinci/cdk') as string]?.dependencies).toMatchObject({
      '@davinci/orm': `^${versions.get('@davinci/orm')}`,
      '@davinci/event-bus': `^${versions.get('@davinci/event-bus')}`,
    });
  }, 200_000);

  for (const moduleSystem of ['esm', 'commonjs'] as const satisfies readonly ModuleSystem[]) {
    describe(`in a fresh ${moduleSystem === 'esm' ? 'ESM' : 'CommonJS'} project`, () => {
      const project = () => join(root, `consumer-${moduleSystem}`);
      const readmes = new Map<PublishedFolder, InstalledReadme>();
      // A DynamoDB Local of the project's own: the orm README names one table outright
      // (`sessions-test`), as a user's test setup does, so the two projects cannot share one.
      let dynamodb: DynamoDbLocal;
      beforeAll(async () => {
        dynamodb = await startDynamoDbLocal();
      }, 60_000);
      afterAll(() => dynamodb?.stop());

      it('installs the four packages from the local registry with pnpm add', async () => {
        await createConsumerProject({
          dir: project(),
          moduleSystem,
          registry: registry.url,
          packages: [...versions].map(([name, version]) => `${name}@${version}`),
          thirdParty: workspaceVersions(repo),
          env: cleanEnv(),
        });
        for (const [name, version] of versions) {
          expect(readManifest(join(project(), 'node_modules', name)).version, name).toBe(version);
        }
      }, 300_000);

      it(`loads every package as ${moduleSystem}`, async () => {
        writeFileSync(
          join(project(), 'probe.ts'),
          `${PUBLISHED.map((folder, i) => `import * as package${i} from '@davinci/${folder}';`).join('\n')}
const loaded = [${PUBLISHED.map((_, i) => `package${i}`).join(', ')}].map((exports) => Object.keys(exports).length > 0);
console.log(JSON.stringify({ node: process.version, moduleSystem: typeof require === 'function' && typeof __filename === 'string' ? 'commonjs' : 'esm', loaded }));
`,
        );
        const result = await finish(process.execPath, ['--import', 'tsx', 'probe.ts'], {
          cwd: project(),
          env: cleanEnv(),
        });
        expect(result).toEqual({
          exitCode: 0,
          // The Node under test: the one running this file, on PATH for pnpm and the programs.
          stdout: `${JSON.stringify({ node: process.version, moduleSystem, loaded: [true, true, true, true] })}\n`,
          stderr: '',
        });
      });

      it('installs the davinci-sandbox command', async () => {
        const bin = join(project(), 'node_modules/.bin/davinci-sandbox');
        const result = await finish(bin, ['--help'], { cwd: project(), env: cleanEnv() });
        expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({
          exitCode: 0,
          stderr: '',
        });
        expect(result.stdout.split('\n')[0]).toBe('Usage: davinci-sandbox [options] [command]');
        expect(result.stdout).toMatch(/^ {2}start \[options\]/m);
      });

      it('type-checks every README example with strict TypeScript', async () => {
        const nodeModules = join(project(), 'node_modules');
        for (const folder of PUBLISHED) {
          const readme = installedReadme(nodeModules, folder, moduleSystem);
          mkdirSync(join(project(), folder));
          for (const [name, code] of Object.entries(readme.files)) {
            writeFileSync(join(project(), folder, name), code);
          }
          readmes.set(folder, readme);
        }
        // Every TypeScript block that is no fragment, each README's first one among them.
        expect(
          Object.fromEntries(
            [...readmes].map(([folder, readme]) => [folder, readme.programs.length]),
          ),
        ).toEqual({ orm: 10, 'event-bus': 5, testing: 4, cdk: 5 });
        expect(readFileSync(join(nodeModules, '@davinci/cdk/README.md'), 'utf8')).toContain(
          `\`\`\`json\n${CDK_JSON}\n\`\`\``,
        );
        expect(await typeCheckProject(project(), cleanEnv())).toBe('');
      }, 200_000);

      it('runs every @davinci/orm README example against DynamoDB Local', async () => {
        const runs = await runEvery('orm', (program) => ({
          AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
          DAVINCI_APP_NAME: 'rehearsal',
          // Each program gets tables of its own: resource discovery names them per deployment.
          DAVINCI_DEPLOYMENT_ID: `${moduleSystem}-L${program.line}-${randomUUID().slice(0, 8)}`,
        }));
        expect(runs.get(readmes.get('orm')?.programs[0]?.fileName ?? '')?.stdout).toBe(
          'pending\nactive true\n',
        );
      }, 300_000);

      it('runs every @davinci/event-bus README example: the handler sends its welcome email', async () => {
        const runs = await runEvery('event-bus', () => ({}));
        const handler = readmes
          .get('event-bus')
          ?.programs.find((program) => program.code.includes('handleUserCreated({'));
        const [email, log, ...rest] = (runs.get(handler?.fileName ?? '')?.stdout ?? '').split('\n');
        expect(email).toBe('Email to alice@example.com: Welcome! — Hello Alice Smith, welcome!');
        // Then the runtime's own line for the record it handled.
        expect(JSON.parse(log ?? '')).toMatchObject({
          level: 'info',
          message: 'handled',
          messageId: 'm1',
          eventType: 'user.created',
          outcome: 'success',
        });
        expect(rest).toEqual(['']);
      }, 120_000);

      it('runs every @davinci/testing README example, each with a sandbox of its own', async () => {
        const runs = await runEvery('testing', () => ({}));
        expect(runs.get(readmes.get('testing')?.programs[0]?.fileName ?? '')?.stdout).toBe(
          'Ada\nuser.created\n',
        );
      }, 300_000);

      it('runs every @davinci/cdk README example, and synthesizes its app with cdk synth', async () => {
        await runEvery('cdk', () => ({}));
        const dir = join(project(), 'cdk');
        const cdk = join(project(), 'node_modules/aws-cdk/bin/cdk');
        const result = await finish(process.execPath, [cdk, 'synth', '--no-notices', '--quiet'], {
          cwd: dir,
          env: cleanEnv(),
          timeout: 240_000,
        });
        expect(result.exitCode, result.stderr).toBe(0);
        // esbuild reports each bundle on stderr; nothing else may appear there.
        expect(result.stderr).not.toMatch(/error|warn/i);
        const template = JSON.parse(
          readFileSync(join(dir, 'cdk.out', 'user-system-dev.template.json'), 'utf8'),
        ) as { Resources: Record<string, { Type: string; Properties?: { TableName?: string } }> };
        const resources = Object.values(template.Resources);
        expect(
          resources
            .filter((resource) => resource.Type === 'AWS::DynamoDB::Table')
            .map((resource) => resource.Properties?.TableName)
            .sort(),
        ).toEqual([
          'user-system-dev-davinci_idempotency',
          'user-system-dev-user_stats',
          'user-system-dev-users',
        ]);
        expect(
          resources.filter((resource) => resource.Type === 'AWS::Lambda::Function'),
        ).toHaveLength(3);
        expect(resources.filter((resource) => resource.Type === 'AWS::Events::Rule')).toHaveLength(
          3,
        );
      }, 400_000);

      /**
       * Runs each of the README's programs that tsx runs, one after another, and expects each to
       * exit 0 with nothing on stderr, and to print what the README says where it says so.
       * Returns every run by file name.
       */
      async function runEvery(
        folder: PublishedFolder,
        envOf: (program: InstalledProgram) => NodeJS.ProcessEnv,
      ): Promise<Map<string, Finished>> {
        const readme = readmes.get(folder);
        if (!readme) throw new Error(`the ${folder} README was not written`);
        const programs = readme.programs.filter((program) => program.run === 'tsx');
        const runs = new Map<string, Finished>();
        for (const program of programs) {
          runs.set(
            program.fileName,
            await finish(process.execPath, ['--import', 'tsx', program.fileName], {
              cwd: join(project(), folder),
              env: { ...cleanEnv(), ...envOf(program) },
              timeout: 90_000,
            }),
          );
        }
        const seen = (program: InstalledProgram, run: Finished | undefined) => ({
          exitCode: run?.exitCode,
          stderr: run?.stderr,
          ...(program.printed === undefined ? {} : { stdout: run?.stdout }),
        });
        const expected = (program: InstalledProgram) => ({
          exitCode: 0,
          stderr: '',
          ...(program.printed === undefined ? {} : { stdout: program.printed }),
        });
        const label = (program: InstalledProgram) =>
          `README.md:${program.line} ${program.fileName}`;
        expect(
          Object.fromEntries(programs.map((p) => [label(p), seen(p, runs.get(p.fileName))])),
        ).toEqual(Object.fromEntries(programs.map((p) => [label(p), expected(p)])));
        return runs;
      }
    });
  }

  it('stops the registry, and nothing it started is left running', async () => {
    const { pid, url } = registry;
    await registry.stop();
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    await expect(fetch(new URL('-/ping', url))).rejects.toThrow();
    // No process of the rehearsal (registry, programs, synth) names its folder any more.
    expect(processesMentioning(root)).toEqual([]);
  });
});
