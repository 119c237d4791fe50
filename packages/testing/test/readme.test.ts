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
 * project imports it) and run as written: each starts and stops its own sandbox.
 */
/** The first `startSandbox(...)` call of a block. */
const firstCall = (code: string) => /startSandbox\(.*\)/.exec(code)?.[0];

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const blocks = readReadmeBlocks(`${packageDir}README.md`);
const { programs, fragments } = examplePrograms(blocks);
let dir: string;
let diagnostics: string;

beforeAll(async () => {
  dir = writePrograms(packageDir, programs);
  diagnostics = await typeCheckPrograms(dir);
}, 120_000);

describe('README examples', () => {
  it('marks exactly the blocks that are no program as fragments', () => {
    // `sandbox.env` shown as an object with <port> placeholders. Blocks are told apart by what they
    // say, not by line, so an edit above them does not break this test.
    expect(fragments.map((fragment) => fragment.code.includes('127.0.0.1:<port>'))).toEqual([
      true,
      false,
    ]);
    // The vitest integration: it runs only inside vitest, as its own tests (test/vitest) run it.
    expect(fragments[1]?.code).toContain("from '@davinci/testing/vitest'");
    expect(programs.map((program) => firstCall(program.code))).toEqual([
      'startSandbox()',
      'startSandbox({ dynamodb: false })',
      'startSandbox({ dynamodb: false })',
      'startSandbox({ clock: acceleratedClock(1000), dynamodb: false })',
    ]);
  });

  it('type-check against the built package', () => {
    expect(diagnostics).toBe('');
  });

  for (const [index, program] of programs.entries()) {
    it(`README.md:${program.line} runs as written`, async () => {
      const result = await runProgram(
        dir,
        program,
        { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        60_000,
      );
      expect({ exitCode: result.exitCode, stderr: result.stderr }, program.code).toEqual({
        exitCode: 0,
        stderr: '',
      });
      expect(result.stdout).toBe(readmeSetup.printed?.[index]);
    }, 90_000);
  }
});
