#!/usr/bin/env node
// Release-flow check: after the pending changesets are applied, a changeset that names one
// published package bumps that package alone (dependents keep accepting it through their ranges).
// Runs the real changesets CLI on a scratch copy of the workspace manifests.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const changeset = join(root, 'node_modules', '.bin', 'changeset');
const published = ['orm', 'event-bus', 'cdk', 'testing'];
const workspaceFolders = [
  ...published.map((name) => `packages/${name}`),
  'apps/user-system',
  'tooling/dynamodb-local',
  'tooling/minified-bundle',
  'tooling/readme-examples',
];

const scratch = mkdtempSync(join(tmpdir(), 'changesets-check-'));
const run = (command, args) =>
  execFileSync(command, args, { cwd: scratch, encoding: 'utf8', stdio: 'pipe' });
let failures = 0;
try {
  for (const file of ['package.json', 'pnpm-workspace.yaml'])
    cpSync(join(root, file), join(scratch, file));
  cpSync(join(root, '.changeset'), join(scratch, '.changeset'), { recursive: true });
  for (const folder of workspaceFolders) {
    mkdirSync(join(scratch, folder), { recursive: true });
    cpSync(join(root, folder, 'package.json'), join(scratch, folder, 'package.json'));
  }
  run('git', ['init', '-q', '-b', 'main']);
  run('git', [
    '-c',
    'user.name=check',
    '-c',
    'user.email=check@localhost',
    'commit',
    '-qm',
    'x',
    '--allow-empty',
  ]);
  run(changeset, ['version']);
  run('git', ['add', '-A']);
  run('git', [
    '-c',
    'user.name=check',
    '-c',
    'user.email=check@localhost',
    'commit',
    '-qm',
    'released',
  ]);

  for (const name of published) {
    for (const bump of ['patch', 'minor']) {
      const probe = join(scratch, '.changeset', 'probe.md');
      writeFileSync(probe, `---\n"@davinci/${name}": ${bump}\n---\n\nprobe\n`);
      const plan = join(scratch, 'plan.json');
      run(changeset, ['status', '--output', 'plan.json']);
      // Private workspace packages (the sample app) are never versioned or published.
      const bumped = JSON.parse(readFileSync(plan, 'utf8'))
        .releases.map((release) => release.name)
        .filter((release) => published.some((name) => release === `@davinci/${name}`));
      rmSync(probe);
      const ok = bumped.length === 1 && bumped[0] === `@davinci/${name}`;
      if (!ok) failures += 1;
      console.log(
        `${ok ? 'ok  ' : 'FAIL'} a ${bump} changeset for @davinci/${name} bumps: ${bumped.join(', ')}`,
      );
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (failures > 0) process.exit(1);
