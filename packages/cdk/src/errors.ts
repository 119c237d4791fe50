/** The `code` of every error `@davinci/cdk` throws. */
export type CdkErrorCode =
  | 'INVALID_OPTION'
  | 'UNKNOWN_TABLE'
  | 'DUPLICATE_NAME'
  | 'EVENT_BUS_DISABLED';

/** Base class of every error `@davinci/cdk` throws; `code` is stable and safe to branch on. */
export abstract class DavinciCdkError extends Error {
  abstract readonly code: CdkErrorCode;
  /**
   * A fixed class name, written out in each class: bundlers that minify rename classes, so a
   * name read from the constructor would not survive. On the prototype, so the stack shows it.
   */
  override get name(): string {
    return 'DavinciCdkError';
  }
}

/** A prop or option breaks a rule; `field` names it (for example `addEventHandler.timeout`). */
export class InvalidOptionError extends DavinciCdkError {
  readonly code = 'INVALID_OPTION' as const;
  override get name(): 'InvalidOptionError' {
    return 'InvalidOptionError';
  }

  constructor(
    readonly field: string,
    readonly rule: string,
    detail?: string,
  ) {
    super(`${field}: ${rule}${detail ? ` (${detail})` : ''}`);
  }
}

/** A function names a table that was never added with `addTable()`. */
export class UnknownTableError extends DavinciCdkError {
  readonly code = 'UNKNOWN_TABLE' as const;
  override get name(): 'UnknownTableError' {
    return 'UnknownTableError';
  }

  constructor(
    readonly field: string,
    readonly tableName: string,
    readonly knownTables: readonly string[],
  ) {
    super(
      `${field}: table '${tableName}' is not part of the application; add it with addTable() first` +
        ` (known tables: ${knownTables.length > 0 ? knownTables.join(', ') : 'none'})`,
    );
  }
}

/** Two resources of the same kind would get the same logical (and therefore physical) name. */
export class DuplicateNameError extends DavinciCdkError {
  readonly code = 'DUPLICATE_NAME' as const;
  override get name(): 'DuplicateNameError' {
    return 'DuplicateNameError';
  }

  constructor(
    readonly kind: 'table' | 'function',
    readonly logicalName: string,
  ) {
    super(
      `a ${kind} named '${logicalName}' was already added to the application` +
        (kind === 'function' ? '; give each function a distinct `name`' : ''),
    );
  }
}

/** Something needs the event bus but the application was created with `enableEventBus: false`. */
export class EventBusDisabledError extends DavinciCdkError {
  readonly code = 'EVENT_BUS_DISABLED' as const;
  override get name(): 'EventBusDisabledError' {
    return 'EventBusDisabledError';
  }

  constructor(readonly field: string) {
    super(`${field}: requires the event bus; create the Application with enableEventBus: true`);
  }
}
