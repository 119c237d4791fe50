import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
// The packages a project installs to use @davinci/cdk, packed as npm would publish them.
const PACKED = ['orm', 'event-bus', 'cdk'];

/** The folder of a command on the test's own PATH. */
async function folderOf(command: string): Promise<string> {
  const { stdout } = await run('sh', ['-c', `command -v ${command}`]);
  return dirname(stdout.trim());
}

/**
 * A project outside the workspace that installs the packed @davinci/cdk from tarballs, with no
 * esbuild of its own, and a PATH without the workspace's tools or Docker. npm (flat
 * node_modules) and pnpm (only direct dependencies linked) find packages differently, so both
 * are tried. Each reuses its cache, so after the first run no download is needed.
 */
describe.each(['npm', 'pnpm'] as const)(
  'a %s project that installs @davinci/cdk without esbuild of its own',
  (manager) => {
    let project: string;
    let synth: { stdout: string; stderr: string };
    let managerFolder: string;
    const env = () => ({
      PATH: [dirname(process.execPath), managerFolder, '/usr/bin', '/bin'].join(':'),
      HOME: process.env.HOME ?? tmpdir(),
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    });

    beforeAll(async () => {
      managerFolder = await folderOf(manager);
      project = mkdtempSync(join(tmpdir(), 'davinci-cdk-installed-'));
      const tarballs: Record<string, string> = {};
      for (const name of PACKED) {
        const { stdout } = await run('pnpm', ['pack', '--pack-destination', project], {
          cwd: join(packagesDir, name),
        });
        const tarball = stdout.trim().split('\n').pop() ?? '';
        tarballs[`@davinci/${name}`] = `file:${tarball}`;
      }
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({
          name: 'installed-davinci-cdk',
          private: true,
          type: 'module',
          dependencies: {
            ...tarballs,
            'aws-cdk-lib': '2.276.0',
            constructs: '10.8.1',
            zod: '^4.0.0',
          },
          // The packed packages depend on each other by version: take them from the tarballs too.
          overrides: tarballs,
          pnpm: { overrides: tarballs },
        }),
      );
      const install =
        manager === 'npm'
          ? ['install', '--prefer-offline', '--no-audit', '--no-fund']
          : ['install', '--prefer-offline', '--config.confirmModulesPurge=false'];
      await run(manager, install, {
        cwd: project,
        env: env(),
        timeout: 180_000,
      });
      writeFileSync(
        join(project, 'hello.mjs'),
        "export const handler = async () => ({ greeting: 'hello from the packed app' });\n",
      );
      writeFileSync(
        join(project, 'app.mjs'),
        [
          "import { Application } from '@davinci/cdk';",
          "const app = new Application({ appName: 'packed', deploymentId: 'dev', outdir: 'cdk.out' });",
          "app.addFunction({ name: 'hello', entry: 'hello.mjs', handler: 'handler' });",
          'app.synth();',
          '',
        ].join('\n'),
      );
      synth = await run(process.execPath, ['app.mjs'], {
        cwd: project,
        env: env(),
        timeout: 60_000,
      });
    }, 240_000);

    afterAll(() => {
      if (project) rmSync(project, { recursive: true, force: true });
    });

    it('gets esbuild only through @davinci/cdk', () => {
      const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
      expect(Object.keys(manifest.dependencies)).not.toContain('esbuild');
      // npm hoists @davinci/cdk's esbuild to the top; pnpm links only the project's own dependencies.
      expect(existsSync(join(project, 'node_modules/esbuild/package.json'))).toBe(
        manager === 'npm',
      );
    });

    it('bundles the function locally, without Docker', () => {
      expect(synth.stderr).not.toMatch(/docker/i);
      const assets = readdirSync(join(project, 'cdk.out')).filter((entry) =>
        entry.startsWith('asset.'),
      );
      expect(assets).toHaveLength(1);
      const asset = join(project, 'cdk.out', assets[0] ?? '');
      expect(readdirSync(asset).sort()).toEqual(['index.js', 'index.js.map']);
      const bundle = readFileSync(join(asset, 'index.js'), 'utf8');
      expect(bundle).toContain('hello from the packed app');
    });
  },
);
