import { type ReadmeBlock, ReadmeBlockError } from './blocks.js';

/** A README block made whole: what is type-checked and run for it. */
export interface ExampleProgram {
  /** `example-L<line>`: the opening fence's line, so a failure points at the README. */
  readonly name: string;
  readonly line: number;
  /** The file it is written to: `<name>.mts`, or the block's `file=`. */
  readonly fileName: string;
  readonly code: string;
}

/**
 * Code a test supplies for blocks marked `context=<name>`: `declarations` go before the block
 * (what the README's prose says exists, e.g. an `orders` table client), `setup` after them (e.g.
 * the item the block reads), `after` after the block. All take part in the type check.
 */
export interface ExampleContext {
  readonly declarations?: string;
  readonly setup?: string;
  /** Code run after the block, e.g. what makes its effect visible (a synth). */
  readonly after?: string;
}

/**
 * What a README's prose assumes, in one module beside its test: the README test and the release
 * rehearsal (which runs the installed README) build the same programs from it.
 */
export interface ReadmeSetup {
  /** The code for blocks marked `context=<name>`, by name. */
  readonly contexts?: Readonly<Record<string, ExampleContext>>;
  /** Files the prose assumes exist beside the programs (e.g. the app's `tables.ts`), by name. */
  readonly files?: Readonly<Record<string, string>>;
  /**
   * What the programs print on stdout, in README order (`file=` blocks included), where the
   * README says what they print; `undefined` where it does not.
   */
  readonly printed?: readonly (string | undefined)[];
}

/** Splits the programs from the fragments, and every block's program into one module. */
export function examplePrograms(
  blocks: readonly ReadmeBlock[],
  contexts: Readonly<Record<string, ExampleContext>> = {},
): { programs: ExampleProgram[]; fragments: ReadmeBlock[] } {
  const byId = new Map<string, ReadmeBlock>();
  for (const block of blocks) {
    if (block.id === undefined) continue;
    if (byId.has(block.id)) throw new ReadmeBlockError(`line ${block.line}: id=${block.id} twice`);
    byId.set(block.id, block);
  }
  const contextOf = (block: ReadmeBlock): string[] => {
    if (block.context === undefined) return [];
    const context = contexts[block.context];
    if (!context) {
      throw new ReadmeBlockError(
        `line ${block.line}: the test supplies no context "${block.context}"`,
      );
    }
    return [context.declarations ?? '', context.setup ?? ''];
  };
  const programs: ExampleProgram[] = [];
  for (const block of blocks) {
    if (block.fragment) continue;
    // Each block brings its context just before its own code, so later blocks see both.
    const parts = [...usedBlocks(block, byId), block].flatMap((part) => [
      ...contextOf(part),
      part.code,
      (part.context !== undefined && contexts[part.context]?.after) || '',
    ]);
    const name = `example-L${block.line}`;
    const fileName = block.file ?? `${name}.mts`;
    programs.push({ name, line: block.line, fileName, code: joinModules(parts) });
  }
  return { programs, fragments: blocks.filter((block) => block.fragment) };
}

/** The blocks `block` builds on, each once, dependencies first. */
function usedBlocks(block: ReadmeBlock, byId: ReadonlyMap<string, ReadmeBlock>): ReadmeBlock[] {
  const order: ReadmeBlock[] = [];
  const visit = (current: ReadmeBlock, path: readonly string[]) => {
    for (const id of current.uses) {
      const used = byId.get(id);
      if (!used)
        throw new ReadmeBlockError(`line ${current.line}: uses=${id}, but no block has id=${id}`);
      if (path.includes(id))
        throw new ReadmeBlockError(`line ${current.line}: uses=${id} is circular`);
      visit(used, [...path, id]);
      if (!order.includes(used)) order.push(used);
    }
  };
  visit(block, block.id ? [block.id] : []);
  return order;
}

const IMPORT = /^import\s+([\s\S]*?)\s+from\s+(['"])([^'"]+)\2;?[ \t]*$/gm;

/**
 * Concatenates module texts into one: their imports are merged per module (two blocks importing
 * `attr` from the same package must not declare it twice), the rest follows in order.
 */
export function joinModules(parts: readonly string[]): string {
  const named = new Map<string, Set<string>>();
  const other = new Set<string>();
  const bodies: string[] = [];
  for (const part of parts) {
    bodies.push(
      part.replace(IMPORT, (statement, clause: string, _quote, module: string) => {
        const braces = /^(type\s+)?\{([\s\S]*)\}$/.exec(clause.trim());
        if (!braces) {
          other.add(statement.trim());
          return '';
        }
        const specifiers = named.get(module) ?? new Set<string>();
        for (const specifier of (braces[2] ?? '').split(',')) {
          const text = specifier.trim();
          if (text) specifiers.add(braces[1] ? `type ${text}` : text);
        }
        named.set(module, specifiers);
        return '';
      }),
    );
  }
  const imports = [
    ...other,
    ...[...named].map(
      ([module, specifiers]) => `import { ${[...specifiers].join(', ')} } from '${module}';`,
    ),
  ];
  const body = bodies.map((part) => part.trim()).filter(Boolean);
  return `${[imports.join('\n'), ...body].filter(Boolean).join('\n\n')}\n`;
}
