import { fileURLToPath } from 'node:url';
import {
  examplePrograms,
  readReadmeBlocks,
  runProgram,
  typeCheckPrograms,
  writePrograms,
} from '@davinci/readme-examples';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Every TypeScript block of the README, type-checked against the built package (as a user's
 * project imports it) and run as written: each starts and stops its own sandbox.
 */
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
    // `sandbox.env` shown as an object with <port> placeholders.
    expect(fragments.map((fragment) => fragment.line)).toEqual([105]);
    expect(programs.map((program) => program.line)).toEqual([6, 197]);
  });

  it('type-check against the built package', () => {
    expect(diagnostics).toBe('');
  });

  /** What a block prints, where the README says what it prints. */
  const printed: Record<string, string> = {
    'example-L6': 'Ada\nuser.created\n',
    'example-L197': '',
  };

  for (const program of programs) {
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
      expect(result.stdout).toBe(printed[program.name]);
    }, 90_000);
  }
});
