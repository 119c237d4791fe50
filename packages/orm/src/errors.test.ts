import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Builds every error class, minified as a Lambda handler bundle is, and reads the names. */
const script = `
  import * as errors from './errors.js';
  const context = { table: 't' };
  export const names = [
    new errors.ValidationError([{ path: 'a', rule: 'type', message: 'bad' }]),
    new errors.InvalidDefinitionError('bad definition'),
    new errors.ConditionFailedError('failed', undefined, context),
    new errors.VersionConflictError(1, 2, context),
    new errors.UpdateCannotCreateError(['email'], context),
    new errors.TransactionCanceledError([]),
    new errors.UnprocessedItemsError('batchGet', [], 3),
    new errors.TableNotFoundError('t', 'things'),
  ].map((error) => [error.name, String(error.stack).split(':')[0]]);
`;

describe('error names', () => {
  it('survive minification (fixed per class, not read from the mangled constructor)', async () => {
    const result = await build({
      stdin: {
        contents: script,
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      external: ['@aws-sdk/*', '@smithy/*'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const bundle = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as {
      names: [string, string][];
    };
    const expected = [
      'ValidationError',
      'InvalidDefinitionError',
      'ConditionFailedError',
      'VersionConflictError',
      'UpdateCannotCreateError',
      'TransactionCanceledError',
      'UnprocessedItemsError',
      'TableNotFoundError',
    ];
    // The stack header carries the name too, as logs show it.
    expect(bundle.names).toEqual(expected.map((name) => [name, name]));
  });
});
