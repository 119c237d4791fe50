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
 * Every TypeScript block of the README, type-checked against the built packages (as a user's
 * project imports them) and run. The blocks marked `file=` are the files of one small project;
 * what the prose assumes (the seed application's `tables.ts`) comes from `readme-setup.ts`.
 */
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const blocks = readReadmeBlocks(`${packageDir}README.md`);
const { programs, fragments } = examplePrograms(blocks, readmeSetup.contexts);
let dir: string;
let diagnostics: string;

beforeAll(async () => {
  dir = writePrograms(packageDir, programs, readmeSetup.files);
  diagnostics = await typeCheckPrograms(dir);
}, 120_000);

describe('README examples', () => {
  it('marks exactly the blocks that are no program as fragments', () => {
    // Three signatures with optional parameters written `name?`, `name,` and `…`: reference, not code.
    expect(fragments.map((fragment) => fragment.code.split('\n')[0])).toEqual([
      'const publisher = new EventPublisher({ client?, eventBusName?, source?, retry?, maxConcurrentRequests? });',
      'export const handler = createEventHandler(async (event, context) => { … });',
      'export const handleUserActivated = defineEventHandler({',
    ]);
    expect(programs.map((program) => program.fileName)).toEqual([
      'events.ts',
      'user-service.ts',
      'event-handlers.ts',
      expect.stringMatching(/^example-L\d+\.mts$/),
      expect.stringMatching(/^example-L\d+\.mts$/),
    ]);
  });

  it('type-check against the built packages', () => {
    expect(diagnostics).toBe('');
  });

  for (const program of programs) {
    it(`README.md:${program.line} (${program.fileName}) runs`, async () => {
      const result = await runProgram(dir, program, {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      });
      expect({ exitCode: result.exitCode, stderr: result.stderr }, program.code).toEqual({
        exitCode: 0,
        stderr: '',
      });
    });
  }

  it('the handler example logs the welcome email it documents', async () => {
    const example = programs.find((program) => program.code.includes('handleUserCreated({'));
    expect(example).toBeDefined();
    const result = await runProgram(dir, example as (typeof programs)[number], {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    expect(result.stdout).toContain(
      'Email to alice@example.com: Welcome! — Hello Alice Smith, welcome!',
    );
  });
});
