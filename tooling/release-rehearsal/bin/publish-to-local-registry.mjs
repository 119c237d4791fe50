#!/usr/bin/env node
// The rehearsal's publish step: `changeset publish` in the current folder (a release copy), to the
// rehearsal's local registry and nowhere else. It refuses before running anything unless
// NPM_CONFIG_REGISTRY is that registry, so a mistake in the rehearsal cannot publish to npm.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function refuse(reason) {
  console.error(`publish-to-local-registry: refused, nothing was published: ${reason}`);
  process.exit(2);
}

function isLoopbackUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

const local = process.env.RELEASE_REHEARSAL_REGISTRY;
if (!local) {
  refuse(
    'RELEASE_REHEARSAL_REGISTRY is not set; this command publishes only inside the release rehearsal',
  );
}
if (!isLoopbackUrl(local)) {
  refuse(
    `RELEASE_REHEARSAL_REGISTRY must be an http:// URL on loopback, got ${JSON.stringify(local)}`,
  );
}
// npm reads the variable in either case; both must name the local registry.
for (const name of ['NPM_CONFIG_REGISTRY', 'npm_config_registry']) {
  const value = process.env[name];
  if (name === 'npm_config_registry' && value === undefined) continue;
  if (value !== local) {
    refuse(
      `${name} is ${JSON.stringify(value ?? null)}, not the rehearsal's local registry ${local}`,
    );
  }
}

const require = createRequire(import.meta.url);
const changeset = require.resolve('@changesets/cli/bin.js');
const result = spawnSync(process.execPath, [changeset, 'publish', '--no-git-tag'], {
  stdio: 'inherit',
  env: { ...process.env, npm_config_registry: local },
});
process.exit(result.status ?? 1);
