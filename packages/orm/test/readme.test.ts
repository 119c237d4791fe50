import { randomUUID } from 'node:crypto';
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
 * Every TypeScript block of the README, type-checked against the built package (as a user's
 * project imports it) and run against DynamoDB Local. A block that is no program says so in its
 * info string (`fragment`); what its prose assumes exists comes from `readme-setup.ts`.
 */
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const blocks = readReadmeBlocks(`${packageDir}README.md`);

const { programs, fragments } = examplePrograms(blocks, readmeSetup.contexts);
let dir: string;
let diagnostics: string;

beforeAll(async () => {
  dir = writePrograms(packageDir, programs);
  diagnostics = await typeCheckPrograms(dir);
}, 120_000);

describe('README examples', () => {
  it('marks exactly the blocks that are no program as fragments', () => {
    // The list of conditions and filters: object literals side by side, not statements.
    expect(fragments.map((fragment) => fragment.line)).toEqual([164]);
    expect(programs).toHaveLength(blocks.length - 1);
  });

  it('type-check against the built package', () => {
    expect(diagnostics).toBe('');
  });

  for (const program of programs) {
    it(`README.md:${program.line} runs against DynamoDB Local`, async () => {
      const result = await runProgram(dir, program, {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        // Each program gets tables of its own: resource discovery names them per deployment.
        DAVINCI_APP_NAME: 'readme',
        DAVINCI_DEPLOYMENT_ID: `${program.name}-${randomUUID().slice(0, 8)}`,
      });
      expect({ exitCode: result.exitCode, stderr: result.stderr }, program.code).toEqual({
        exitCode: 0,
        stderr: '',
      });
    });
  }

  it('README.md:13 prints what its comments say', async () => {
    const first = programs.find((program) => program.line === 13);
    expect(first?.code).toContain("console.log(ada.status); // 'pending'");
    const result = await runProgram(dir, first as (typeof programs)[number], {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      DAVINCI_APP_NAME: 'readme',
      DAVINCI_DEPLOYMENT_ID: `printed-${randomUUID().slice(0, 8)}`,
    });
    expect(result.stdout).toBe(readmeSetup.printed?.[0]);
  });
});
