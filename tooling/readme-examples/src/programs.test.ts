import { describe, expect, it } from 'vitest';
import { parseReadmeBlocks, ReadmeBlockError } from './blocks.js';
import { examplePrograms, joinModules } from './programs.js';

const readme = [
  '# t',
  '```ts id=tables',
  "import { attr } from 'p';",
  'export const T = attr;',
  '```',
  '```sh',
  'npm test',
  '```',
  '```ts uses=tables context=seed',
  "import { attr, type X } from 'p';",
  'use(T);',
  '```',
  '```ts fragment',
  '{ a: 1 }',
  '```',
].join('\n');

describe('README blocks', () => {
  it('reads the TypeScript blocks with their info, ignoring other languages', () => {
    expect(parseReadmeBlocks(readme)).toEqual([
      {
        line: 2,
        code: "import { attr } from 'p';\nexport const T = attr;",
        id: 'tables',
        uses: [],
        context: undefined,
        file: undefined,
        fragment: false,
      },
      {
        line: 9,
        code: "import { attr, type X } from 'p';\nuse(T);",
        id: undefined,
        uses: ['tables'],
        context: 'seed',
        file: undefined,
        fragment: false,
      },
      {
        line: 13,
        code: '{ a: 1 }',
        id: undefined,
        uses: [],
        context: undefined,
        file: undefined,
        fragment: true,
      },
    ]);
  });

  it('refuses an unknown info word and an unclosed block, naming the line', () => {
    expect(() => parseReadmeBlocks('\n```ts fragmnet\nx\n```', 'R.md')).toThrow(
      'R.md:2: unknown info "fragmnet" (known: fragment, id=, uses=, context=, file=)',
    );
    expect(() => parseReadmeBlocks('```ts\nx', 'R.md')).toThrow(ReadmeBlockError);
    expect(() => parseReadmeBlocks('```ts\nx', 'R.md')).toThrow(
      'R.md:1: the code block is never closed',
    );
  });

  it('builds each program from the blocks it uses, its context and itself; fragments apart', () => {
    const { programs, fragments } = examplePrograms(parseReadmeBlocks(readme), {
      seed: {
        declarations: "import { seed } from 'q';",
        setup: 'await seed();',
        after: 'done();',
      },
    });
    expect(fragments.map((fragment) => fragment.line)).toEqual([13]);
    expect(programs.map((program) => program.name)).toEqual(['example-L2', 'example-L9']);
    expect(programs[1]?.code).toBe(
      [
        "import { attr, type X } from 'p';",
        "import { seed } from 'q';",
        '',
        'export const T = attr;',
        '',
        'await seed();',
        '',
        'use(T);',
        '',
        'done();',
        '',
      ].join('\n'),
    );
  });

  it('writes a file= block under its own name, so other blocks import it', () => {
    const [block] = parseReadmeBlocks('```ts file=events.ts\nexport const E = 1;\n```');
    expect(block?.file).toBe('events.ts');
    expect(examplePrograms(block ? [block] : []).programs).toEqual([
      { name: 'example-L1', line: 1, fileName: 'events.ts', code: 'export const E = 1;\n' },
    ]);
    expect(() => parseReadmeBlocks('```ts file=../x.ts\nx\n```', 'R.md')).toThrow(
      'R.md:1: file=../x.ts is not a plain .ts or .mts name',
    );
  });

  it('refuses a missing block or context', () => {
    expect(() => examplePrograms(parseReadmeBlocks('```ts uses=nope\nx\n```'))).toThrow(
      'line 1: uses=nope, but no block has id=nope',
    );
    expect(() => examplePrograms(parseReadmeBlocks('```ts context=nope\nx\n```'))).toThrow(
      'line 1: the test supplies no context "nope"',
    );
  });

  it('merges imports per module and keeps other import forms once', () => {
    expect(
      joinModules([
        "import * as attr from 'p/attr';\nimport {\n  a,\n  b,\n} from 'p';\nrun(a);",
        "import * as attr from 'p/attr';\nimport type { C } from 'p';\nrun(b);",
      ]),
    ).toBe(
      "import * as attr from 'p/attr';\nimport { a, b, type C } from 'p';\n\nrun(a);\n\nrun(b);\n",
    );
  });
});
