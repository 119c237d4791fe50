import { tableEnvVar } from './discovery/index.js';

/**
 * Every error the ORM throws is a `DavinciOrmError` with a stable `code`, so callers can branch
 * on `error.code` (or `instanceof`) without parsing messages.
 */
export type OrmErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_DEFINITION'
  | 'CONDITION_FAILED'
  | 'UPDATE_CANNOT_CREATE'
  | 'TRANSACTION_CANCELED'
  | 'VERSION_CONFLICT'
  | 'UNPROCESSED_ITEMS'
  | 'RESOURCE_NOT_FOUND';

export abstract class DavinciOrmError extends Error {
  abstract readonly code: OrmErrorCode;
  /**
   * A fixed class name, written out in each class: minifiers rename classes, so
   * `constructor.name` would not survive a bundled Lambda handler. On the prototype, not the
   * instance, so the stack header ("ValidationError: …") shows it too.
   */
  override get name(): string {
    return 'DavinciOrmError';
  }
}

/** One field that broke one rule. `path` is the attribute path, e.g. `address.city` or `tags[2]`. */
export interface ValidationIssue {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/** What the refused input was for: an item of a table, or an event of a type. */
export interface ValidationSubject {
  /** The table's name, for items, keys, conditions and updates. */
  readonly table?: string;
  /** The event's type, for events (`@davinci/event-bus` throws this error too). */
  readonly eventType?: string;
}

/**
 * Thrown before any request is sent, listing every bad field with the rule it broke. One class
 * for the whole framework: `@davinci/event-bus` throws it for invalid events as well.
 */
export class ValidationError extends DavinciOrmError {
  readonly code = 'VALIDATION_FAILED' as const;
  override get name(): 'ValidationError' {
    return 'ValidationError';
  }
  /** The table the input was for, when it was for one. */
  readonly table?: string;
  /** The event type the input was for, when it was an event. */
  readonly eventType?: string;
  constructor(
    readonly issues: readonly ValidationIssue[],
    /** A table name, or what the input was for. */
    subject: string | ValidationSubject = {},
  ) {
    const { table, eventType } = typeof subject === 'string' ? { table: subject } : subject;
    const prefix = table ?? eventType;
    super(
      `${prefix ? `${prefix}: ` : ''}invalid ${eventType !== undefined && table === undefined ? 'event' : 'input'}: ${issues
        .map((issue) => `${issue.path} (${issue.rule}): ${issue.message}`)
        .join('; ')}`,
    );
    this.table = table;
    this.eventType = eventType;
  }
}

/** A table definition that cannot work (key not an attribute, index on a non-scalar, two TTLs, …). */
export class InvalidDefinitionError extends DavinciOrmError {
  readonly code = 'INVALID_DEFINITION' as const;
  override get name(): 'InvalidDefinitionError' {
    return 'InvalidDefinitionError';
  }
}

/** Where a failed request came from, so an error names the table and the key it was about. */
export interface ItemErrorContext {
  /** The physical table name the request went to. */
  readonly table?: string;
  /** The key of the item (in the ORM's shape), when one applies. */
  readonly key?: unknown;
  /** The AWS SDK error this one translates. */
  readonly cause?: unknown;
}

/**
 * A put, update or delete whose condition did not hold. `item` is the item as it was stored when
 * the check failed (DynamoDB returns it because the client asks for `ALL_OLD` on failure); it is
 * `undefined` when no item existed.
 */
export class ConditionFailedError extends DavinciOrmError {
  readonly code = 'CONDITION_FAILED' as const;
  override get name(): 'ConditionFailedError' {
    return 'ConditionFailedError';
  }
  readonly table?: string;
  readonly key?: unknown;
  constructor(
    message: string,
    readonly item?: unknown,
    context: ItemErrorContext = {},
  ) {
    super(message, { cause: context.cause });
    this.table = context.table;
    this.key = context.key;
  }
}

/**
 * An update without `mustExist` found no item, and may not create one: the item it would create
 * lacks `missingAttributes` (required, no default, not written by the update). Write them in the
 * update, `put` the item first, or pass `mustExist: true` to state that only existing items are
 * updated (then a missing item is a `ConditionFailedError`).
 */
export class UpdateCannotCreateError extends DavinciOrmError {
  readonly code = 'UPDATE_CANNOT_CREATE' as const;
  override get name(): 'UpdateCannotCreateError' {
    return 'UpdateCannotCreateError';
  }
  readonly table?: string;
  readonly key?: unknown;
  constructor(
    /** The required attributes the created item would lack, in definition order. */
    readonly missingAttributes: readonly string[],
    context: ItemErrorContext = {},
  ) {
    super(
      `${context.table ? `${context.table}: ` : ''}the item does not exist, and this update cannot create it: it does not write the required attribute${
        missingAttributes.length === 1 ? '' : 's'
      } ${missingAttributes.join(', ')}`,
      { cause: context.cause },
    );
    this.table = context.table;
    this.key = context.key;
  }
}

/**
 * An optimistic-locking conflict: the stored item's version is not the one the write expected
 * (someone else wrote first), or the item already exists when a new one was expected.
 */
export class VersionConflictError extends DavinciOrmError {
  readonly code = 'VERSION_CONFLICT' as const;
  override get name(): 'VersionConflictError' {
    return 'VersionConflictError';
  }
  readonly table?: string;
  readonly key?: unknown;
  constructor(
    /** The version the write was based on; `undefined` when it expected a new item. */
    readonly expectedVersion: number | undefined,
    /** The version that is stored; `undefined` when the item does not exist. */
    readonly actualVersion: number | undefined,
    context: ItemErrorContext = {},
    /** The stored item, when there is one. */
    readonly item?: unknown,
  ) {
    super(
      `${context.table ? `${context.table}: ` : ''}version conflict: expected ${
        expectedVersion === undefined ? 'a new item' : `version ${expectedVersion}`
      }, found ${actualVersion === undefined ? 'no item' : `version ${actualVersion}`}`,
      { cause: context.cause },
    );
    this.table = context.table;
    this.key = context.key;
  }
}

/** Why one item of a cancelled transaction failed, as DynamoDB reported it. */
export interface TransactionCancellationReason {
  /** Position of the operation in the list passed to `transactWrite`/`transactGet`. */
  readonly index: number;
  /** DynamoDB's code: `ConditionalCheckFailed`, `TransactionConflict`, `ValidationError`, … */
  readonly code: string;
  readonly message?: string;
  /** The stored item when a condition failed (parsed through its table definition when possible). */
  readonly item?: unknown;
  /**
   * Set when an update found no item and may not create one: the required attributes it does
   * not write (as `UpdateCannotCreateError.missingAttributes` outside a transaction).
   */
  readonly missingAttributes?: readonly string[];
}

/** A transaction DynamoDB cancelled; `reasons` lists each operation that caused it. */
export class TransactionCanceledError extends DavinciOrmError {
  readonly code = 'TRANSACTION_CANCELED' as const;
  override get name(): 'TransactionCanceledError' {
    return 'TransactionCanceledError';
  }
  constructor(
    readonly reasons: readonly TransactionCancellationReason[],
    message?: string,
    cause?: unknown,
  ) {
    super(
      message ??
        `transaction cancelled: ${
          reasons.length === 0
            ? 'no reason given'
            : reasons.map((reason) => `#${reason.index} ${reason.code}`).join(', ')
        }`,
      { cause },
    );
  }
}

/**
 * Batch requests that DynamoDB still left unprocessed after every retry. `unprocessed` holds
 * exactly those requests (keys for `batchGet`; `{ put }` / `{ delete }` requests for
 * `batchWrite`), so the caller can retry them later; everything else succeeded.
 */
export class UnprocessedItemsError extends DavinciOrmError {
  readonly code = 'UNPROCESSED_ITEMS' as const;
  override get name(): 'UnprocessedItemsError' {
    return 'UnprocessedItemsError';
  }
  constructor(
    readonly operation: 'batchGet' | 'batchWrite',
    readonly unprocessed: readonly unknown[],
    readonly attempts: number,
    readonly table?: string,
    /** For `batchGet`: the items that were read (in request order, `undefined` where not read). */
    readonly processed?: readonly unknown[],
  ) {
    super(
      `${table ? `${table}: ` : ''}${operation} left ${unprocessed.length} request(s) unprocessed after ${attempts} attempt(s)`,
    );
  }
}

/** The table does not exist under the name the client resolved (see resource discovery). */
export class TableNotFoundError extends DavinciOrmError {
  readonly code = 'RESOURCE_NOT_FOUND' as const;
  override get name(): 'TableNotFoundError' {
    return 'TableNotFoundError';
  }
  constructor(
    readonly table: string,
    readonly logicalName: string,
    cause?: unknown,
  ) {
    super(
      `table "${table}" (logical name "${logicalName}") was not found; set ${tableEnvVar(logicalName)}, DAVINCI_APP_NAME and DAVINCI_DEPLOYMENT_ID, or pass { tableName }`,
      { cause },
    );
  }
}
