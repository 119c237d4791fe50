import {
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  TransactionCanceledError,
  type TransactionCancellationReason,
  ValidationError,
} from '../../errors.js';
import type { AnyKey, AnyTableDefinition } from '../definition.js';
import { compileCondition } from '../expressions/condition.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { errorName, translateCommonError } from '../sdk-errors.js';
import {
  keySignature,
  numberAt,
  parseStored,
  type Table,
  versionAttributeOf,
} from '../table-target.js';
import { buildDeleteInput, type DeleteOptions } from './delete.js';
import { type PutOptions, preparePut } from './put.js';
import { buildUpdateInput, type UpdateOptions } from './update.js';

/** DynamoDB's limit of operations per transaction. */
export const TRANSACTION_LIMIT = 100;

/** The optimistic-locking check the client added to one transactional write. */
export interface TransactVersionCheck {
  /** The version the write was based on; `undefined` when it expected a new (absent) item. */
  readonly expectedVersion: number | undefined;
  /** Whether it is the operation's only condition (no caller `condition`). */
  readonly alone: boolean;
}

/** One write of a transaction, made by `table.transaction.put/update/delete/conditionCheck`. */
export interface TransactWriteOperation {
  readonly kind: 'put' | 'update' | 'delete' | 'conditionCheck';
  readonly target: Table;
  readonly request: TransactWriteItem;
  /** The version check the client added, when the table is versioned and one applies. */
  readonly versionCheck?: TransactVersionCheck;
  /**
   * For an update without `mustExist` that may not create the item: the required attributes it
   * does not write, so a missing item is reported as such rather than as a failed condition.
   */
  readonly missingForCreate?: readonly string[];
}

/**
 * A reason of a `TransactionCanceledError` on an operation whose failing condition was only its
 * version check: the stored version is not the expected one (`actualVersion` is `undefined`
 * when no item is stored).
 */
export interface VersionConflictReason extends TransactionCancellationReason {
  readonly code: 'ConditionalCheckFailed';
  readonly versionConflict: true;
  readonly expectedVersion: number | undefined;
  readonly actualVersion: number | undefined;
}

/** Whether a cancellation reason is a version conflict (see `VersionConflictReason`). */
export function isVersionConflict(
  reason: TransactionCancellationReason | undefined,
): reason is VersionConflictReason {
  return (reason as Partial<VersionConflictReason> | undefined)?.versionConflict === true;
}

/**
 * The version check a transactional put/update/delete carries: a put always checks the version
 * its item holds; an update or delete only with `expectedVersion`.
 */
export function transactVersionCheck(
  definition: AnyTableDefinition,
  kind: 'put' | 'update' | 'delete',
  expected: { readonly item?: unknown; readonly expectedVersion?: number },
  condition: unknown,
): TransactVersionCheck | undefined {
  const versionAttribute = versionAttributeOf(definition);
  if (!versionAttribute) return undefined;
  const alone = condition === undefined;
  if (kind === 'put') {
    const version = (expected.item as Record<string, unknown> | undefined)?.[versionAttribute];
    return { expectedVersion: typeof version === 'number' ? version : undefined, alone };
  }
  if (expected.expectedVersion === undefined) return undefined;
  return { expectedVersion: expected.expectedVersion, alone };
}

export interface TransactWriteOptions {
  /** Client to send with. Default: the client of the first operation's table. */
  readonly client?: DynamoDBClient;
  /** Idempotency token: a retry with the same token within 10 minutes is not applied twice. */
  readonly clientRequestToken?: string;
}

/** A transactional put (validated, version-checked like `put`). No I/O. */
export function buildTransactPut(
  definition: AnyTableDefinition,
  tableName: string,
  item: unknown,
  options: PutOptions = {},
): TransactWriteItem {
  const { input } = preparePut(definition, tableName, item, options);
  return {
    Put: {
      TableName: tableName,
      Item: input.Item,
      ConditionExpression: input.ConditionExpression,
      ExpressionAttributeNames: input.ExpressionAttributeNames,
      ExpressionAttributeValues: input.ExpressionAttributeValues,
      ReturnValuesOnConditionCheckFailure: input.ConditionExpression ? 'ALL_OLD' : undefined,
    },
  };
}

/** A transactional update. No I/O. */
export function buildTransactUpdate(
  definition: AnyTableDefinition,
  tableName: string,
  key: AnyKey,
  spec: unknown,
  options: UpdateOptions = {},
): TransactWriteItem {
  const input = buildUpdateInput(definition, tableName, key, spec, options);
  return {
    Update: {
      TableName: tableName,
      Key: input.Key,
      UpdateExpression: input.UpdateExpression,
      ConditionExpression: input.ConditionExpression,
      ExpressionAttributeNames: input.ExpressionAttributeNames,
      ExpressionAttributeValues: input.ExpressionAttributeValues,
      ReturnValuesOnConditionCheckFailure: input.ConditionExpression ? 'ALL_OLD' : undefined,
    },
  };
}

/** A transactional delete. No I/O. */
export function buildTransactDelete(
  definition: AnyTableDefinition,
  tableName: string,
  key: AnyKey,
  options: DeleteOptions = {},
): TransactWriteItem {
  const input = buildDeleteInput(definition, tableName, key, options);
  return {
    Delete: {
      TableName: tableName,
      Key: input.Key,
      ConditionExpression: input.ConditionExpression,
      ExpressionAttributeNames: input.ExpressionAttributeNames,
      ExpressionAttributeValues: input.ExpressionAttributeValues,
      ReturnValuesOnConditionCheckFailure: input.ConditionExpression ? 'ALL_OLD' : undefined,
    },
  };
}

/** A condition another item must meet for the transaction to apply. No I/O. */
export function buildTransactConditionCheck(
  definition: AnyTableDefinition,
  tableName: string,
  key: AnyKey,
  condition: unknown,
): TransactWriteItem {
  const context = new ExpressionContext(definition);
  const Key = definition.toKey(key);
  return {
    ConditionCheck: {
      TableName: tableName,
      Key,
      ConditionExpression: compileCondition(context, condition),
      ...context.placeholders(),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** Checks the count and that no item appears twice (DynamoDB refuses both). */
export function checkTransactionItems<Request>(
  operations: readonly { readonly target: Table; readonly request: Request }[],
  keyOf: (request: Request) => Record<string, AttributeValue> | undefined,
): void {
  if (operations.length === 0 || operations.length > TRANSACTION_LIMIT) {
    throw new ValidationError([
      {
        path: 'operations',
        rule: 'transaction-size',
        message: `a transaction takes 1 to ${TRANSACTION_LIMIT} operations, got ${operations.length}`,
      },
    ]);
  }
  const seen = new Map<string, number>();
  const issues: { path: string; rule: string; message: string }[] = [];
  operations.forEach((operation, index) => {
    const key = keyOf(operation.request);
    if (!key) return;
    const signature = `${operation.target.tableName}\u0000${keySignature(operation.target.definition, key)}`;
    const earlier = seen.get(signature);
    if (earlier !== undefined) {
      issues.push({
        path: `operations[${index}]`,
        rule: 'unique-item',
        message: `targets the same item as operations[${earlier}]`,
      });
    } else seen.set(signature, index);
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

function writeKey(request: TransactWriteItem) {
  return (
    request.Put?.Item ?? request.Update?.Key ?? request.Delete?.Key ?? request.ConditionCheck?.Key
  );
}

/** The TransactWriteItems input. No I/O. */
export function buildTransactWriteInput(
  operations: readonly TransactWriteOperation[],
  options: TransactWriteOptions = {},
): TransactWriteItemsCommandInput {
  checkTransactionItems(operations, writeKey);
  return {
    TransactItems: operations.map((operation) => operation.request),
    ...(options.clientRequestToken ? { ClientRequestToken: options.clientRequestToken } : {}),
  };
}

/**
 * Applies every operation or none (across tables). A cancellation becomes
 * `TransactionCanceledError` whose `reasons` name each failing operation by its index, with the
 * stored item when a condition failed. When the failing condition was only the version check the
 * client added (a versioned put, or an update/delete with `expectedVersion`, without a caller
 * `condition`), the reason says so: `versionConflict: true` with `expectedVersion` and
 * `actualVersion` (test with `isVersionConflict(reason)`).
 */
export async function transactWrite(
  operations: readonly TransactWriteOperation[],
  options: TransactWriteOptions = {},
): Promise<void> {
  const input = buildTransactWriteInput(operations, options);
  const first = operations[0] as TransactWriteOperation;
  const client = options.client ?? first.target.client;
  try {
    await client.send(new TransactWriteItemsCommand(input));
  } catch (error) {
    throw translateTransactionError(error, operations, first.target);
  }
}

/** Parses the SDK's CancellationReasons into `TransactionCanceledError.reasons`. */
export function translateTransactionError(
  error: unknown,
  operations: readonly {
    readonly target: Table;
    readonly versionCheck?: TransactVersionCheck;
    readonly missingForCreate?: readonly string[];
  }[],
  fallback: Table,
): unknown {
  if (errorName(error) !== 'TransactionCanceledException')
    return translateCommonError(error, fallback);
  const raw =
    (
      error as {
        CancellationReasons?: {
          Code?: string;
          Message?: string;
          Item?: Record<string, AttributeValue>;
        }[];
      }
    ).CancellationReasons ?? [];
  const reasons: TransactionCancellationReason[] = [];
  raw.forEach((reason, index) => {
    const code = reason.Code ?? 'Unknown';
    if (code === 'None') return;
    const operation = operations[index];
    const target = operation?.target;
    const parsed: TransactionCancellationReason = {
      index,
      code,
      ...(reason.Message ? { message: reason.Message } : {}),
      ...(reason.Item && target ? { item: parseStored(target.definition, reason.Item) } : {}),
    };
    const check = operation?.versionCheck;
    const versionAttribute = target && versionAttributeOf(target.definition);
    if (code === 'ConditionalCheckFailed' && check?.alone && versionAttribute) {
      // The version check was the only condition: it failed, as the stored item confirms.
      const actualVersion = numberAt(reason.Item, versionAttribute);
      const conflict =
        check.expectedVersion === undefined
          ? reason.Item !== undefined
          : actualVersion !== check.expectedVersion;
      if (conflict) {
        const versionReason: VersionConflictReason = {
          ...parsed,
          code,
          versionConflict: true,
          expectedVersion: check.expectedVersion,
          actualVersion,
        };
        reasons.push(versionReason);
        return;
      }
    }
    const missing = operation?.missingForCreate;
    if (code === 'ConditionalCheckFailed' && reason.Item === undefined && missing) {
      reasons.push({
        ...parsed,
        message: `the item does not exist, and this update cannot create it: it does not write the required attribute${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`,
        missingAttributes: missing,
      });
      return;
    }
    reasons.push(parsed);
  });
  const message = error instanceof Error ? error.message : undefined;
  return new TransactionCanceledError(
    reasons,
    message && reasons.length === 0 ? `transaction cancelled: ${message}` : undefined,
    error,
  );
}
