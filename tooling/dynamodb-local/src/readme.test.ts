import { fileURLToPath } from 'node:url';
import {
  examplePrograms,
  readReadmeBlocks,
  runProgram,
  typeCheckPrograms,
  writePrograms,
} from '@davinci/readme-examples';
import { describe, expect, it } from 'vitest';

/** The README's one block, the vitest config, type-checks and loads as written. */
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const { programs, fragments } = examplePrograms(readReadmeBlocks(`${packageDir}README.md`));

describe('README examples', () => {
  it('type-check and run as written', async () => {
    expect(fragments).toEqual([]);
    expect(programs.map((program) => program.line)).toEqual([6]);
    const dir = writePrograms(packageDir, programs);
    expect(await typeCheckPrograms(dir)).toBe('');
    for (const program of programs) {
      expect(await runProgram(dir, program, process.env)).toEqual({
        exitCode: 0,
        stdout: '',
        stderr: '',
      });
    }
  }, 120_000);
});
