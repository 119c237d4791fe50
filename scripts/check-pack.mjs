#!/usr/bin/env node
// Package gate: what `npm pack` would publish is built output and docs only — no sources, tests,
// configs or fixtures. Run from a package folder.
import { execFileSync } from 'node:child_process';

const [report] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8' }),
);
const allowed = (path) =>
  ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'].includes(path) ||
  (path.startsWith('dist/') && !/\.test\.|__tests__/.test(path));
const stray = report.files.map((file) => file.path).filter((path) => !allowed(path));
if (stray.length > 0) {
  console.error(
    `${report.name}: npm pack would publish files that are not built output:\n  ${stray.join('\n  ')}`,
  );
  process.exit(1);
}
if (!report.files.some((file) => file.path === 'dist/index.js')) {
  console.error(`${report.name}: npm pack has no dist/index.js — build first`);
  process.exit(1);
}
console.log(
  `${report.name}: npm pack publishes ${report.files.length} files, all built output or docs`,
);
