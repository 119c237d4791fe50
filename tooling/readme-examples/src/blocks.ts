import { readFileSync } from 'node:fs';

/**
 * One fenced TypeScript block of a README. The info string after the language says what the
 * block is (GitHub renders only the language, the rest stays in the source):
 * - nothing: a whole program, type-checked and run;
 * - `id=<name>`: other blocks may build on this one;
 * - `uses=<a>,<b>`: the program is blocks a and b, then this one;
 * - `context=<name>`: the test supplies named declarations and setup run before the block;
 * - `file=<name.ts>`: the block is that file of one project, imported by others as `./name.js`;
 * - `fragment`: pieces shown side by side that are no program: neither checked nor run.
 */
export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  readonly id?: string;
  readonly uses: readonly string[];
  readonly context?: string;
  readonly file?: string;
  readonly fragment: boolean;
}

export class ReadmeBlockError extends Error {
  readonly code = 'README_BLOCK_INVALID' as const;
  override get name(): 'ReadmeBlockError' {
    return 'ReadmeBlockError';
  }
}

const TYPESCRIPT = new Set(['ts', 'typescript']);
const KNOWN_FLAGS = new Set(['fragment']);
const KNOWN_OPTIONS = new Set(['id', 'uses', 'context', 'file']);

/** The TypeScript blocks of a Markdown text, in order. Other languages are ignored. */
export function parseReadmeBlocks(markdown: string, source = 'README'): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^(`{3,})(\S*)(.*)$/.exec(lines[index] ?? '');
    if (!open) continue;
    const [, fence = '```', language = '', info = ''] = open;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !(lines[index] ?? '').startsWith(fence); index++) {
      body.push(lines[index] ?? '');
    }
    if (index >= lines.length) {
      throw new ReadmeBlockError(`${source}:${start + 1}: the code block is never closed`);
    }
    if (!TYPESCRIPT.has(language)) continue;
    blocks.push({ line: start + 1, code: body.join('\n'), ...parseInfo(info, source, start + 1) });
  }
  return blocks;
}

function parseInfo(info: string, source: string, line: number) {
  let id: string | undefined;
  let context: string | undefined;
  let file: string | undefined;
  let uses: string[] = [];
  let fragment = false;
  for (const token of info.trim().split(/\s+/).filter(Boolean)) {
    const [option, value] = token.split('=', 2);
    if (value === undefined && option !== undefined && KNOWN_FLAGS.has(option)) fragment = true;
    else if (option !== undefined && KNOWN_OPTIONS.has(option) && value) {
      if (option === 'id') id = value;
      if (option === 'context') context = value;
      if (option === 'file') file = value;
      if (option === 'uses') uses = value.split(',');
    } else {
      throw new ReadmeBlockError(
        `${source}:${line}: unknown info "${token}" (known: fragment, id=, uses=, context=, file=)`,
      );
    }
  }
  if (file !== undefined && !/^[\w-]+\.m?ts$/.test(file)) {
    throw new ReadmeBlockError(`${source}:${line}: file=${file} is not a plain .ts or .mts name`);
  }
  return { id, context, file, uses, fragment };
}

export function readReadmeBlocks(path: string): ReadmeBlock[] {
  return parseReadmeBlocks(readFileSync(path, 'utf8'), path);
}
