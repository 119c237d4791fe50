import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxError } from '../../errors.js';
import { DynamoDbLocalJarNotFoundError } from './errors.js';
import { locateDynamoDbLocalJar, newestJarUnder } from './jar.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function libDirWith(...releases: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ddb-local-lib-'));
  made.push(dir);
  for (const release of releases) mkdirSync(join(dir, release));
  return dir;
}

describe('locating DynamoDB Local', () => {
  it('finds the vendored jar', () => {
    expect(locateDynamoDbLocalJar().jar).toMatch(/dynamodb_local_[^/\\]+[/\\]DynamoDBLocal\.jar$/);
  });

  it('picks the newest release', () => {
    const dir = libDirWith('dynamodb_local_2024-01-01', 'dynamodb_local_2025-06-30', 'other');
    expect(newestJarUnder(dir)).toEqual({
      jar: join(dir, 'dynamodb_local_2025-06-30', 'DynamoDBLocal.jar'),
      libDir: join(dir, 'dynamodb_local_2025-06-30', 'DynamoDBLocal_lib'),
    });
  });

  it('throws a coded error naming the directory when no release is there', () => {
    const dir = libDirWith('something-else');
    const error = (() => {
      try {
        newestJarUnder(dir);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(DynamoDbLocalJarNotFoundError);
    expect(error).toBeInstanceOf(SandboxError);
    expect(error).toMatchObject({ code: 'DYNAMODB_LOCAL_JAR_NOT_FOUND', searched: dir });
    expect((error as Error).message).toContain(dir);
  });
});
