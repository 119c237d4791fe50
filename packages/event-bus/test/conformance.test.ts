/**
 * Event-pattern cases recorded against real Amazon EventBridge (TestEventPattern), kept in the
 * shared conformance folder beside the repository. The file name says what AWS answered:
 * `_EXC` → the pattern is invalid, `_NEG` → no match, anything else → match.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  InvalidEventPatternError,
  matchesEventPattern,
  validateEventPattern,
} from '../src/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const folder = join(repoRoot, '..', 'shared', 'conformance', 'eventbridge-patterns');

function listCases(): string[] {
  let files: string[];
  try {
    files = readdirSync(folder);
  } catch (error) {
    throw new Error(`conformance folder missing: ${folder} (${String(error)})`);
  }
  return files.sort();
}

const allFiles = listCases();
const caseFiles = allFiles.filter((file) => file.endsWith('.json5'));
const pairedPatternFiles = allFiles.filter((file) => file.endsWith('_pattern.json'));

/** A case's expected outcome, read from its name. */
function expectation(name: string): 'invalid' | 'no-match' | 'match' {
  const stem = name.replace(/\.json5?$/, '');
  if (stem.endsWith('_EXC')) return 'invalid';
  if (stem.endsWith('_NEG')) return 'no-match';
  return 'match';
}

function check(name: string, pattern: unknown, event: unknown): void {
  const expected = expectation(name);
  if (expected === 'invalid') {
    expect(() => validateEventPattern(pattern)).toThrow(InvalidEventPatternError);
    return;
  }
  expect(() => validateEventPattern(pattern)).not.toThrow();
  const outcome = expected === 'match';
  expect(matchesEventPattern(pattern as string, event)).toBe(outcome);
  // The compiled matcher must agree with the one-off check.
  expect(compileEventPattern(pattern as string)(event)).toBe(outcome);
  // And the pattern's JSON text must mean the same as the object.
  if (typeof pattern !== 'string') {
    expect(matchesEventPattern(JSON.stringify(pattern), event)).toBe(outcome);
  }
}

describe('EventBridge conformance corpus', () => {
  it('finds the recorded cases', () => {
    expect(caseFiles.length).toBeGreaterThan(0);
    expect(pairedPatternFiles.length).toBeGreaterThan(0);
  });

  for (const file of caseFiles) {
    it(file, () => {
      const { Event, EventPattern } = JSON5.parse<{ Event: unknown; EventPattern: unknown }>(
        readFileSync(join(folder, file), 'utf8'),
      );
      check(file, EventPattern, Event);
    });
  }

  // Cases stored as a pair, `<case>_pattern.json` + `<case>.json`, keep the pattern as text because
  // it repeats a key: EventBridge reads keys in order and a repeated field path takes the later
  // value list, which a parser that keeps only the last key cannot reproduce.
  for (const file of pairedPatternFiles) {
    const eventFile = file.replace(/_pattern\.json$/, '.json');
    it(`${eventFile} + ${file}`, () => {
      const event: unknown = JSON.parse(readFileSync(join(folder, eventFile), 'utf8'));
      const patternText = readFileSync(join(folder, file), 'utf8');
      check(eventFile.replace(/(_event)?\.json$/, ''), patternText, event);
    });
  }
});
