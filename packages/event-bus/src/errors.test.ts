import { fileURLToPath } from 'node:url';
import { bundleMinified, importBundle } from '@davinci/minified-bundle';
import { describe, expect, it } from 'vitest';

/** Builds every error class, minified as a Lambda handler bundle is, and reads name and code. */
const script = `
  import { InvalidEventPatternError } from './pattern/errors.js';
  import { EntryTooLargeError, EventBusNotConfiguredError, PublishError } from './publisher/errors.js';
  import { InvalidHandlerOptionError, TooManyTransactionOperationsError } from './runtime/errors.js';
  export const errors = [
    new InvalidEventPatternError('detail.state', 'empty-array', 'an empty list matches nothing'),
    new PublishError([], []),
    new EntryTooLargeError([], 262144),
    new EventBusNotConfiguredError(['DAVINCI_EVENT_BUS_NAME']),
    new TooManyTransactionOperationsError(99, 100),
    new InvalidHandlerOptionError('concurrency', 'an integer >= 1', 0),
  ].map((error) => [error.name, String(error.stack).split(':')[0], error.code, error instanceof Error]);
`;

describe('error names', () => {
  it('survive minification, and every error carries its literal code', async () => {
    const { code } = await bundleMinified(script, fileURLToPath(new URL('.', import.meta.url)));
    // The classes really were renamed: otherwise this test could not tell a literal name apart.
    expect(code).not.toMatch(/class PublishError\b/);
    const bundle = await importBundle<{ errors: [string, string, string, boolean][] }>(code);
    expect(bundle.errors).toEqual([
      ['InvalidEventPatternError', 'InvalidEventPatternError', 'INVALID_EVENT_PATTERN', true],
      ['PublishError', 'PublishError', 'PUBLISH_FAILED', true],
      ['EntryTooLargeError', 'EntryTooLargeError', 'ENTRY_TOO_LARGE', true],
      [
        'EventBusNotConfiguredError',
        'EventBusNotConfiguredError',
        'EVENT_BUS_NOT_CONFIGURED',
        true,
      ],
      [
        'TooManyTransactionOperationsError',
        'TooManyTransactionOperationsError',
        'TOO_MANY_TRANSACTION_OPERATIONS',
        true,
      ],
      ['InvalidHandlerOptionError', 'InvalidHandlerOptionError', 'INVALID_HANDLER_OPTION', true],
    ]);
  });
});
