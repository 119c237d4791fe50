import type { FunctionLogLine } from '@davinci/testing';

/**
 * What the deployed functions print (the sandbox captures every line), read in the order the
 * demo expects, each line as soon as it has arrived. The runtime's JSON lines and Lambda's
 * START/END/REPORT lines are left out.
 */
export class FunctionOutput {
  readonly #lines: string[] = [];
  #changed: () => void = () => {};

  add({ line }: FunctionLogLine): void {
    if (line.startsWith('{') || /^(START|END|REPORT) /.test(line)) return;
    this.#lines.push(line);
    this.#changed();
  }

  /** The first line matching `pattern`, waiting up to 30 s for it. */
  async next(pattern: RegExp): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const index = this.#lines.findIndex((line) => pattern.test(line));
      if (index >= 0) return this.#lines.splice(index, 1)[0] as string;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no function printed a line matching ${pattern} within 30 s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#changed = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
