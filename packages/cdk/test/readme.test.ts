import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  examplePrograms,
  readReadmeBlocks,
  runProgram,
  typeCheckPrograms,
  writePrograms,
} from '@davinci/readme-examples';
import { beforeAll, describe, expect, it } from 'vitest';
import { readmeSetup } from './readme-setup.js';

/**
 * Every TypeScript block of the README — `tables.ts`, `event-handlers.ts` and `app.ts` of one
 * project — type-checked against the built packages and run: `app.ts` synthesizes offline.
 */
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const { programs, fragments } = examplePrograms(
  readReadmeBlocks(`${packageDir}README.md`),
  readmeSetup.contexts,
);
let dir: string;
let diagnostics: string;

beforeAll(async () => {
  dir = writePrograms(packageDir, programs);
  diagnostics = await typeCheckPrograms(dir);
}, 120_000);

const env = {
  ...process.env,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
};

describe('README examples', () => {
  it('are the three files of one project, the existing-app example and the cdk-nag check, none a fragment', () => {
    expect(fragments).toEqual([]);
    expect(programs.map((program) => program.fileName)).toEqual([
      'tables.ts',
      'event-handlers.ts',
      'app.ts',
      expect.stringMatching(/^example-L\d+\.mts$/),
      expect.stringMatching(/^example-L\d+\.mts$/),
    ]);
  });

  it('type-check against the built packages', () => {
    expect(diagnostics).toBe('');
  });

  for (const program of programs.filter((each) => each.fileName !== 'app.ts')) {
    it(`README.md:${program.line} (${program.fileName}) runs`, async () => {
      expect(await runProgram(dir, program, env, 60_000)).toEqual({
        exitCode: 0,
        stdout: '',
        stderr: '',
      });
      // The program's own 60 s limit is the bound; the test's must lie beyond it, or a slow
      // machine would end the test before the program's limit could say what ran long.
    }, 90_000);
  }

  it('app.ts synthesizes the stack the README describes', async () => {
    const app = programs.find((program) => program.fileName === 'app.ts');
    // As `cdk synth` runs it: the CLI names the output folder in CDK_OUTDIR.
    const result = await runProgram(
      dir,
      app as (typeof programs)[number],
      { ...env, CDK_OUTDIR: join(dir, 'cdk.out') },
      120_000,
    );
    expect(result.exitCode, result.stderr).toBe(0);
    // esbuild reports each bundle on stderr; nothing else may appear there.
    expect(result.stderr).not.toMatch(/error|warn/i);
    const template = JSON.parse(
      readFileSync(join(dir, 'cdk.out', 'user-system-dev.template.json'), 'utf8'),
    ) as { Resources: Record<string, { Type: string; Properties?: { TableName?: string } }> };
    const tables = Object.values(template.Resources)
      .filter((resource) => resource.Type === 'AWS::DynamoDB::Table')
      .map((resource) => resource.Properties?.TableName)
      .sort();
    expect(tables).toContain('user-system-dev-users');
    expect(tables).toContain('user-system-dev-user_stats');
    expect(existsSync(join(dir, 'cdk.out'))).toBe(true);
    expect(readdirSync(join(dir, 'cdk.out')).some((name) => name.startsWith('asset.'))).toBe(true);
  }, 150_000);
});
