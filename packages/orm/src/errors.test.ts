import { fileURLToPath } from 'node:url';
import { bundleMinified, importBundle } from '@davinci/minified-bundle';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';

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
  ].map((error) => [error.name, String(error.stack).split(':')[0], error.code]);
`;

describe('error names', () => {
  it('survive minification (fixed per class, not read from the mangled constructor)', async () => {
    const { code } = await bundleMinified(script, fileURLToPath(new URL('.', import.meta.url)), {
      external: ['@aws-sdk/*', '@smithy/*'],
    });
    const bundle = await importBundle<{ names: [string, string, string][] }>(code);
    const expected = [
      ['ValidationError', 'VALIDATION_FAILED'],
      ['InvalidDefinitionError', 'INVALID_DEFINITION'],
      ['ConditionFailedError', 'CONDITION_FAILED'],
      ['VersionConflictError', 'VERSION_CONFLICT'],
      ['UpdateCannotCreateError', 'UPDATE_CANNOT_CREATE'],
      ['TransactionCanceledError', 'TRANSACTION_CANCELED'],
      ['UnprocessedItemsError', 'UNPROCESSED_ITEMS'],
      ['TableNotFoundError', 'RESOURCE_NOT_FOUND'],
    ];
    // The stack header carries the name too, as logs show it; the code is the typed one.
    expect(bundle.names).toEqual(expected.map(([name, code]) => [name, name, code]));
  });
});

describe('ValidationError', () => {
  const issues = [{ path: 'email', rule: 'type', message: 'expected a string, got number' }];

  it('names the table an item was for', () => {
    const error = new ValidationError(issues, 'users');
    expect([error.table, error.eventType]).toEqual(['users', undefined]);
    expect(error.message).toBe('users: invalid input: email (type): expected a string, got number');
  });

  it('names the event type an event was for', () => {
    const error = new ValidationError(issues, { eventType: 'user.created' });
    expect([error.table, error.eventType]).toEqual([undefined, 'user.created']);
    expect(error.message).toBe(
      'user.created: invalid event: email (type): expected a string, got number',
    );
  });

  it('says what was invalid without a subject', () => {
    expect(new ValidationError(issues).message).toBe(
      'invalid input: email (type): expected a string, got number',
    );
  });
});
