/**
 * Every error the ORM throws is a `DavinciOrmError` with a stable `code`, so callers can branch
 * on `error.code` (or `instanceof`) without parsing messages.
 */
export type OrmErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_DEFINITION'
  | 'CONDITION_FAILED'
  | 'TRANSACTION_CANCELED'
  | 'VERSION_CONFLICT'
  | 'UNPROCESSED_ITEMS'
  | 'RESOURCE_NOT_FOUND';

export abstract class DavinciOrmError extends Error {
  abstract readonly code: OrmErrorCode;
  override get name(): string {
    return this.constructor.name;
  }
}

/** One field that broke one rule. `path` is the attribute path, e.g. `address.city` or `tags[2]`. */
export interface ValidationIssue {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/** Thrown before any request is sent, listing every bad field with the rule it broke. */
export class ValidationError extends DavinciOrmError {
  readonly code = 'VALIDATION_FAILED' as const;
  constructor(
    readonly issues: readonly ValidationIssue[],
    readonly table?: string,
  ) {
    super(
      `${table ? `${table}: ` : ''}invalid input: ${issues
        .map((issue) => `${issue.path} (${issue.rule}): ${issue.message}`)
        .join('; ')}`,
    );
  }
}

/** A table definition that cannot work (key not an attribute, index on a non-scalar, two TTLs, …). */
export class InvalidDefinitionError extends DavinciOrmError {
  readonly code = 'INVALID_DEFINITION' as const;
}
