#!/usr/bin/env node
// The API report gate: for every entry point a package exports (its `exports` map), API
// Extractor writes the public surface to `api/<name>.api.md`, and that file is committed. Run
// from a package folder after building it:
//   node ../../scripts/api-report.mjs            fails when the API differs from the report
//   node ../../scripts/api-report.mjs --update   rewrites the report (then review and commit it)
// So an API change is visible in review, next to the changeset that announces it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const update = process.argv.includes('--update');
const packageFolder = process.cwd();
const packageJsonPath = join(packageFolder, 'package.json');
const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
const unscoped = pkg.name.replace(/^@[^/]+\//, '');

const entryPoints = Object.entries(pkg.exports ?? {})
  .filter(([, target]) => typeof target === 'object' && target.types)
  .map(([subpath, target]) => ({
    subpath,
    types: join(packageFolder, target.types),
    report: subpath === '.' ? unscoped : `${unscoped}-${subpath.slice(2).replaceAll('/', '-')}`,
  }));

const scratch = mkdtempSync(join(tmpdir(), 'api-report-'));
if (update) mkdirSync(join(packageFolder, 'api'), { recursive: true });
const failures = [];
try {
  for (const entry of entryPoints) {
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: packageFolder,
        mainEntryPointFilePath: entry.types,
        compiler: { tsconfigFilePath: join(packageFolder, 'tsconfig.build.json') },
        apiReport: {
          enabled: true,
          reportFileName: entry.report,
          reportFolder: join(packageFolder, 'api'),
          reportTempFolder: scratch,
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          compilerMessageReporting: { default: { logLevel: 'warning' } },
          extractorMessageReporting: {
            default: { logLevel: 'warning' },
            // Release tags (@public, @beta) are not used: everything exported is public.
            'ae-missing-release-tag': { logLevel: 'none' },
            // A type the API uses but does not export is listed in the report, for review.
            'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
            // The report marks undocumented members itself; a console line for each is noise.
            'ae-undocumented': { logLevel: 'none' },
          },
          tsdocMessageReporting: { default: { logLevel: 'none' } },
        },
      },
      configObjectFullPath: undefined,
      packageJsonFullPath: packageJsonPath,
    });
    const result = Extractor.invoke(config, {
      localBuild: update,
      showVerboseMessages: false,
      messageCallback: (message) => {
        // The bundled compiler is newer than the workspace's; that is expected, not news.
        if (message.messageId === 'console-compiler-version-notice') message.logLevel = 'none';
        if (message.text.startsWith('Analysis will use the bundled TypeScript')) {
          message.logLevel = 'none';
        }
      },
    });
    if (!result.succeeded || (!update && result.apiReportChanged)) {
      failures.push(`${pkg.name}${entry.subpath === '.' ? '' : entry.subpath.slice(1)}`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(
    `API report out of date for ${failures.join(', ')}: the public API changed. Review the change, ` +
      'run `pnpm api:update`, commit api/*.api.md and describe the change in a changeset.',
  );
  process.exit(1);
}
console.log(
  `${pkg.name}: API report ${update ? 'written' : 'matches'} (${entryPoints.map((entry) => entry.report).join(', ')})`,
);
