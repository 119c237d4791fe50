#!/usr/bin/env node
// Package gate: what `npm pack` would publish is built output and docs only — no sources, tests,
// configs or fixtures. Run from a package folder.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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
// Stack traces map to ../src/*.ts, which is not published: every map must carry its sources.
const unresolved = report.files
  .map((file) => file.path)
  .filter((path) => path.endsWith('.js.map'))
  .filter((path) => {
    const map = JSON.parse(readFileSync(path, 'utf8'));
    const contents = map.sourcesContent ?? [];
    return (
      map.sources.length === 0 ||
      map.sources.some((_, index) => typeof contents[index] !== 'string')
    );
  });
if (unresolved.length > 0) {
  console.error(
    `${report.name}: source maps without sourcesContent point at unpublished src/ files (set inlineSources):\n  ${unresolved.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `${report.name}: npm pack publishes ${report.files.length} files, all built output or docs`,
);
