#!/usr/bin/env node
// The README's two commands: `npm run demo` and `npm test`. Each bootstraps the pinned pnpm (into
// .tools/ when the machine has no pnpm 10) and the workspace from the frozen lockfile, then runs
// the user-system demo or every package's quality gates and tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = packageManager.replace(/^pnpm@/, '');

const tasks = {
  demo: [
    ['turbo', 'run', 'build', '--filter=user-system...', '--output-logs=errors-only'],
    ['--silent', '--filter', 'user-system', 'demo'],
  ],
  test: [
    ['exec', 'biome', 'check', '.'],
    ['--silent', 'run', 'check:changesets'],
    [
      'turbo',
      'run',
      'typecheck',
      'check:package',
      'test',
      // turbo's default of 10 tasks at once buries a 2-core machine: three tsc runs, packing and
      // several test suites each starting a JVM pushed DynamoDB Local's start past its deadline.
      `--concurrency=${Math.max(2, availableParallelism())}`,
      '--continue',
      '--output-logs=errors-only',
    ],
  ],
};

const job = process.argv[2];
if (!(job in tasks)) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(tasks).join('|')}>`);
  process.exit(2);
}

// Everything runs against local emulators. Dummy credentials win over whatever the shell holds,
// so nothing here can ever sign a request for a real account.
const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  TURBO_TELEMETRY_DISABLED: '1',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
};
for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL']) delete env[name];

/**
 * What the machine needs beyond Node: Java for DynamoDB Local, and for the tests Debian's AWS CLI
 * (the second client the sandbox is checked with) and docker-compose (which validates the
 * LocalStack compose file; no Docker engine is needed for that). Installed with apt-get when we may; otherwise
 * the command stops and says what to install.
 */
function ensureSystemTools() {
  const missing = [];
  if (spawnSync('java', ['-version']).status !== 0) {
    missing.push({ what: 'Java >= 17 (DynamoDB Local)', apt: 'openjdk-17-jre-headless' });
  }
  if (job === 'test' && !existsSync('/usr/bin/aws')) {
    missing.push({ what: "Debian's AWS CLI at /usr/bin/aws (sandbox tests)", apt: 'awscli' });
  }
  if (job === 'test' && !existsSync('/usr/bin/docker-compose')) {
    missing.push({
      what: "Debian's docker-compose (checks docker-compose.localstack.yml)",
      apt: 'docker-compose',
    });
  }
  if (missing.length === 0) return;
  const packages = missing.map((tool) => tool.apt);
  const canInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
  if (!canInstall) {
    console.error(
      `missing: ${missing.map((tool) => tool.what).join('; ')}\ninstall: sudo apt-get install -y ${packages.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`installing ${packages.join(', ')} with apt-get`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...packages],
  ]) {
    const result = spawnSync('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: aptEnv,
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

function pnpm() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === pnpmVersion) return ['pnpm'];
  const local = join(root, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  if (!existsSync(local)) {
    console.log(`installing pnpm ${pnpmVersion} into .tools/`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        join(root, '.tools'),
        '--no-save',
        '--no-audit',
        '--no-fund',
        `pnpm@${pnpmVersion}`,
      ],
      { stdio: 'inherit', env },
    );
  }
  // turbo runs each task through `pnpm`, so the bootstrapped one must be on PATH too.
  env.PATH = `${join(root, '.tools', 'node_modules', '.bin')}${delimiter}${env.PATH ?? ''}`;
  return [process.execPath, local];
}

function run(command, args) {
  const result = spawnSync(command[0], [...command.slice(1), ...args], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

ensureSystemTools();
const command = pnpm();
run(command, ['install', '--frozen-lockfile']);
for (const args of tasks[job]) run(command, args);
if (job === 'test') printTestSummary();

/** One closing line over every package's vitest report: `N passed, N failed, N skipped`. */
function printTestSummary() {
  const listed = spawnSync(
    command[0],
    [...command.slice(1), 'list', '-r', '--depth', '-1', '--json'],
    {
      cwd: root,
      encoding: 'utf8',
      env,
    },
  );
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const { path } of JSON.parse(listed.stdout)) {
    const report = join(path, 'test-results.json');
    if (!existsSync(report)) continue;
    const results = JSON.parse(readFileSync(report, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests;
    skipped += results.numPendingTests + results.numTodoTests;
  }
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (failed > 0) process.exit(1);
}
