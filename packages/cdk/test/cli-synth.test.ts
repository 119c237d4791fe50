import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_SYSTEM_APP_DIR } from './support/fixtures.js';

const run = promisify(execFile);
const bin = (name: string) => join(USER_SYSTEM_APP_DIR, '../../../node_modules/.bin', name);

interface Manifest {
  artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
}

/** Runs a CDK CLI's `synth` against the user registration example app (its cdk.json runs `node --import tsx app.ts`). */
async function synth(cli: 'cdk' | 'cdklocal', outdir: string): Promise<Manifest> {
  await run(bin(cli), ['synth', '--no-notices', '--quiet', '-o', outdir], {
    cwd: USER_SYSTEM_APP_DIR,
    // Offline: no telemetry, no version check; only the assembly is needed, so skip the schema check.
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_VALIDATION: 'false' },
    maxBuffer: 32 * 1024 * 1024,
  });
  return JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
}

function stackTemplate(outdir: string, manifest: Manifest) {
  const stack = manifest.artifacts['user-system-dev'];
  expect(stack?.type).toBe('aws:cloudformation:stack');
  const file = join(outdir, stack?.properties?.templateFile ?? 'missing');
  return JSON.parse(readFileSync(file, 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: { Code?: { S3Key: string } } }>;
  };
}

describe.each(['cdk', 'cdklocal'] as const)(
  '%s synth of the user registration example app',
  (cli) => {
    let outdir: string;
    let manifest: Manifest;

    beforeAll(async () => {
      outdir = mkdtempSync(join(tmpdir(), `davinci-${cli}-`));
      manifest = await synth(cli, outdir);
    }, 180_000);

    afterAll(() => rmSync(outdir, { recursive: true, force: true }));

    it('writes a cloud assembly with the user-system stack and its bundled handlers', () => {
      const template = stackTemplate(outdir, manifest);
      const functions = Object.values(template.Resources).filter(
        (resource) => resource.Type === 'AWS::Lambda::Function',
      );
      expect(functions).toHaveLength(3);
      for (const fn of functions) {
        const asset = join(outdir, `asset.${fn.Properties.Code?.S3Key.replace(/\.zip$/, '')}`);
        expect(existsSync(join(asset, 'index.js'))).toBe(true);
        expect(existsSync(join(asset, 'index.js.map'))).toBe(true);
      }
      const types = new Set(Object.values(template.Resources).map((resource) => resource.Type));
      for (const type of [
        'AWS::DynamoDB::Table',
        'AWS::Events::EventBus',
        'AWS::SQS::Queue',
        'AWS::Events::Rule',
      ]) {
        expect(types).toContain(type);
      }
    });
  },
);
