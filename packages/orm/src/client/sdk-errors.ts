import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  ConditionFailedError,
  TableNotFoundError,
  UpdateCannotCreateError,
  VersionConflictError,
} from '../errors.js';
import { numberAt, parseStored, type Table } from './table-target.js';

/** The SDK's service errors, recognised by name (robust across duplicated SDK copies). */
export function errorName(error: unknown): string | undefined {
  return typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    typeof error.name === 'string'
    ? error.name
    : undefined;
}

/** Errors after which a whole batch request is retried like unprocessed items. */
export const THROTTLING_ERRORS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/** What a single-item write expected, to tell a version conflict from a failed condition. */
export interface WriteExpectation {
  readonly key?: unknown;
  /** Set when the table has a version attribute. */
  readonly versionAttribute?: string;
  /** The version the write was based on; `undefined` when it expected a new (absent) item. */
  readonly expectedVersion?: number;
  /** Whether the version was checked at all (false for an unconditional versioned update). */
  readonly versionChecked?: boolean;
  /**
   * Set when the write itself required the item to exist because an update could not create a
   * valid one: the required attributes the created item would lack.
   */
  readonly missingForCreate?: readonly string[];
}

/**
 * Turns the SDK's errors for put/update/delete into the ORM's: a failed condition becomes
 * `VersionConflictError` when the stored version is not the expected one, else
 * `ConditionFailedError` with the stored item; a missing table becomes `TableNotFoundError`.
 */
export function translateWriteError(
  error: unknown,
  target: Table,
  expectation: WriteExpectation,
): unknown {
  const name = errorName(error);
  const context = { table: target.tableName, key: expectation.key, cause: error };
  if (name === 'ConditionalCheckFailedException') {
    const raw = (error as { Item?: Record<string, AttributeValue> }).Item;
    const item = raw ? parseStored(target.definition, raw) : undefined;
    const { versionAttribute, expectedVersion } = expectation;
    if (versionAttribute && expectation.versionChecked) {
      const actualVersion = numberAt(raw, versionAttribute);
      const exists = raw !== undefined;
      const conflict = expectedVersion === undefined ? exists : actualVersion !== expectedVersion;
      if (conflict) return new VersionConflictError(expectedVersion, actualVersion, context, item);
    }
    if (raw === undefined && expectation.missingForCreate) {
      return new UpdateCannotCreateError(expectation.missingForCreate, context);
    }
    return new ConditionFailedError(
      `${target.tableName}: the condition of the write did not hold${raw ? '' : ' (there is no item with this key)'}`,
      item,
      context,
    );
  }
  return translateCommonError(error, target);
}

export function translateCommonError(error: unknown, target: Table): unknown {
  if (errorName(error) === 'ResourceNotFoundException') {
    return new TableNotFoundError(target.tableName, target.definition.name, error);
  }
  return error;
}
