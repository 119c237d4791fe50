import { fileURLToPath } from 'node:url';
import { bundleMinified, importBundle } from '@davinci/minified-bundle';
import { describe, expect, it } from 'vitest';

/** Builds every error class, minified, and reads name and code as a log line would show them. */
const script = `
  import * as errors from './errors.js';
  export const list = [
    new errors.InvalidOptionError('addEventHandler.timeout', 'at most 900 seconds'),
    new errors.UnknownTableError('addEventHandler.tables', 'orders', ['users']),
    new errors.DuplicateNameError('table', 'users'),
    new errors.EventBusDisabledError('addEventHandler'),
  ].map((error) => [error.name, String(error.stack).split(':')[0], error.code, error instanceof Error]);
`;

describe('error names', () => {
  it('survive minification, and every error carries its literal code', async () => {
    const { code } = await bundleMinified(script, fileURLToPath(new URL('.', import.meta.url)));
    expect(code).not.toMatch(/class InvalidOptionError\b/);
    const bundle = await importBundle<{ list: [string, string, string, boolean][] }>(code);
    expect(bundle.list).toEqual([
      ['InvalidOptionError', 'InvalidOptionError', 'INVALID_OPTION', true],
      ['UnknownTableError', 'UnknownTableError', 'UNKNOWN_TABLE', true],
      ['DuplicateNameError', 'DuplicateNameError', 'DUPLICATE_NAME', true],
      ['EventBusDisabledError', 'EventBusDisabledError', 'EVENT_BUS_DISABLED', true],
    ]);
  });
});
