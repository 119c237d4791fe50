import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readReadmeBlocks } from './blocks.js';

/** A README with TypeScript blocks is tested by its package, or it could break unnoticed. */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const folders = [
  '.',
  ...['packages', 'apps', 'tooling'].flatMap((group) =>
    readdirSync(join(root, group)).map((name) => join(group, name)),
  ),
];

function testsOf(folder: string): string[] {
  return ['test', 'src']
    .map((sub) => join(root, folder, sub, 'readme.test.ts'))
    .filter((path) => existsSync(path));
}

describe('README coverage', () => {
  it('every README with TypeScript blocks has a readme.test.ts that runs them', () => {
    const untested = folders.filter((folder) => {
      const readme = join(root, folder, 'README.md');
      if (!existsSync(readme) || readReadmeBlocks(readme).length === 0) return false;
      return !testsOf(folder).some((test) =>
        readFileSync(test, 'utf8').includes('readReadmeBlocks('),
      );
    });
    expect(untested).toEqual([]);
  });

  it('finds the READMEs that have TypeScript blocks', () => {
    const withBlocks = folders.filter((folder) => {
      const readme = join(root, folder, 'README.md');
      return existsSync(readme) && readReadmeBlocks(readme).length > 0;
    });
    expect(withBlocks).toEqual([
      'packages/cdk',
      'packages/event-bus',
      'packages/orm',
      'packages/testing',
      'tooling/dynamodb-local',
    ]);
  });
});
