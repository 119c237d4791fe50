import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
export const ratio = (value: number) => `${value.toFixed(2)}×`;

/** Every table printed so far, in order, for the results file. */
const printed: string[] = [];

/** Prints a Markdown table (which reads as well in a terminal) and keeps it for `writeResults`. */
export function table(title: string, header: string[], rows: string[][], note?: string): void {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const text = [
    `### ${title}`,
    '',
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map(line),
    ...(note ? ['', note] : []),
  ].join('\n');
  console.log(`\n${text}`);
  printed.push(text);
}

/** What the numbers were measured on: they mean little without it. */
export function machineNotes(): string {
  const [one, five] = loadavg();
  return [
    `Node ${process.version}, ${process.platform}/${process.arch}`,
    `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `load average at the end: ${one?.toFixed(2)} (1 min), ${five?.toFixed(2)} (5 min)`,
  ].join('; ');
}

/** Writes every table printed so far, with the date and the machine, to a Markdown file. */
export function writeResults(file: string, intro: string): void {
  const body = [
    '# @davinci/testing benchmark results',
    '',
    `Run ${new Date().toISOString()}. ${machineNotes()}.`,
    '',
    intro,
    '',
    printed.join('\n\n'),
    '',
  ].join('\n');
  writeFileSync(file, body);
  console.log(`\nresults written to ${file}`);
}
