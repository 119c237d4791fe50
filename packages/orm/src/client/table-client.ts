import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AnyTableDefinition } from '../schema/definition.js';
import type { AttributeNames, IndexNames, ItemOf, KeyOf, PutInputOf } from '../schema/types.js';
import { batchGetItems } from './actions/batch-get.js';
import {
  type BatchWriteOptions,
  type BatchWriteRequest,
  batchWriteItems,
} from './actions/batch-write.js';
import { countItems } from './actions/count.js';
import { type DeleteOptions, deleteItem } from './actions/delete.js';
import { getItem } from './actions/get.js';
import { type PutOptions, putItem } from './actions/put.js';
import { type Page, queryAllItems, queryItems } from './actions/query.js';
import { scanAllItems, scanItems } from './actions/scan.js';
import { buildTransactGet, type TransactGetOperation } from './actions/transact-get.js';
import {
  buildTransactConditionCheck,
  buildTransactDelete,
  buildTransactPut,
  buildTransactUpdate,
  type TransactVersionCheck,
  type TransactWriteOperation,
  transactVersionCheck,
} from './actions/transact-write.js';
import { missingForCreate, type UpdateOptions, updateItem } from './actions/update.js';
import { type Table, type TableClientOptions, table } from './table.js';
import type {
  BatchGetOptionsOf,
  ConditionOf,
  CountOptionsOf,
  GetOptionsOf,
  IndexProjected,
  Projected,
  QueryOptionsOf,
  ScanAllOptionsOf,
  ScanOptionsOf,
  UpdateOf,
} from './types.js';

/** The transaction operations of one table; pass them to `transactWrite` / `transactGet`. */
export interface TableTransaction<T extends AnyTableDefinition> {
  /** A validated put (version-checked like `put`). */
  put(item: PutInputOf<T>, options?: PutOptions<ConditionOf<T>>): TransactWriteOperation;
  /** An update (same spec and options as `update`). */
  update(
    key: KeyOf<T>,
    update: UpdateOf<T>,
    options?: UpdateOptions<ConditionOf<T>>,
  ): TransactWriteOperation;
  /** A delete, optionally conditional. */
  delete(key: KeyOf<T>, options?: DeleteOptions<ConditionOf<T>>): TransactWriteOperation;
  /** A condition another item must meet for the whole transaction to apply. */
  conditionCheck(key: KeyOf<T>, condition: ConditionOf<T>): TransactWriteOperation;
  /** A read for `transactGet`. */
  get<P extends AttributeNames<T> = AttributeNames<T>>(
    key: KeyOf<T>,
    options?: { readonly projection?: readonly P[] },
  ): TransactGetOperation<Projected<T, P>>;
}

/**
 * The typed client of one table. Every input is validated by the definition before a request is
 * sent; every DynamoDB failure surfaces as a typed error (see `errors`).
 *
 * ```ts
 * const users = new TableClient(UserTable);
 * const user = await users.put({ user_id: 'u1', email: 'a@b.c', name: 'Ada', created_at: new Date() });
 * ```
 */
export class TableClient<T extends AnyTableDefinition> {
  /** The physical table name requests go to (resolved once, at construction). */
  readonly tableName: string;
  /** The table handle every method delegates to (see `getItem`, `putItem`, …). */
  private readonly target: Table<T>;

  constructor(
    readonly definition: T,
    options: TableClientOptions = {},
  ) {
    this.target = table(definition, options);
    this.tableName = this.target.tableName;
  }

  /** The DynamoDBClient in use (the shared default unless one was injected). */
  get client(): DynamoDBClient {
    return this.target.client;
  }

  /** Reads one item by key; `undefined` when there is none. */
  get<P extends AttributeNames<T> = AttributeNames<T>>(
    key: KeyOf<T>,
    options: GetOptionsOf<T, P> = {},
  ): Promise<Projected<T, P> | undefined> {
    return getItem(this.target, key, options);
  }

  /**
   * Validates and writes an item (defaults, timestamps and version applied); returns the item as
   * stored. `{ mustNotExist: true }` refuses to overwrite; `condition` must hold on the stored item.
   */
  put(item: PutInputOf<T>, options: PutOptions<ConditionOf<T>> = {}): Promise<ItemOf<T>> {
    return putItem(this.target, item, options);
  }

  /** Applies an atomic update and returns the item as it is afterwards. */
  update(
    key: KeyOf<T>,
    update: UpdateOf<T>,
    options: UpdateOptions<ConditionOf<T>> = {},
  ): Promise<ItemOf<T>> {
    return updateItem(this.target, key, update, options);
  }

  /** Deletes an item; returns it as it was, or `undefined` when there was none. */
  delete(
    key: KeyOf<T>,
    options: DeleteOptions<ConditionOf<T>> = {},
  ): Promise<ItemOf<T> | undefined> {
    return deleteItem(this.target, key, options);
  }

  /** One page of a query; pass `cursor` back to read the next page. */
  query<I extends IndexNames<T> = never, P extends AttributeNames<T> = AttributeNames<T>>(
    options: QueryOptionsOf<T, I, P>,
  ): Promise<Page<IndexProjected<T, I, P>>> {
    return queryItems(this.target, options);
  }

  /** Every item of a query, reading page after page as the loop asks for more. */
  queryAll<I extends IndexNames<T> = never, P extends AttributeNames<T> = AttributeNames<T>>(
    options: QueryOptionsOf<T, I, P>,
  ): AsyncIterable<IndexProjected<T, I, P>> {
    return queryAllItems(this.target, options);
  }

  /** One page of a scan (optionally one segment of a parallel scan). */
  scan<I extends IndexNames<T> = never, P extends AttributeNames<T> = AttributeNames<T>>(
    options: ScanOptionsOf<T, I, P> = {},
  ): Promise<Page<IndexProjected<T, I, P>>> {
    return scanItems(this.target, options);
  }

  /** Every item of the table (or index); `segments` scans that many segments in parallel. */
  scanAll<I extends IndexNames<T> = never, P extends AttributeNames<T> = AttributeNames<T>>(
    options: ScanAllOptionsOf<T, I, P> = {},
  ): AsyncIterable<IndexProjected<T, I, P>> {
    return scanAllItems(this.target, options);
  }

  /** Counts matching items across every page: a Query when `where` is given, else a Scan. */
  count<I extends IndexNames<T> = never>(options: CountOptionsOf<T, I> = {}): Promise<number> {
    return countItems(this.target, options);
  }

  /**
   * Reads many items by key, in chunks of 100, retrying unprocessed keys. The result is aligned
   * with `keys` (`undefined` where no item exists); duplicate keys are read once.
   */
  batchGet<P extends AttributeNames<T> = AttributeNames<T>>(
    keys: readonly KeyOf<T>[],
    options: BatchGetOptionsOf<T, P> = {},
  ): Promise<(Projected<T, P> | undefined)[]> {
    return batchGetItems(this.target, keys, options);
  }

  /**
   * Puts and deletes many items, in chunks of 25, retrying unprocessed items. Throws
   * `UnprocessedItemsError` with exactly the requests that could not be written.
   */
  batchWrite(
    requests: readonly BatchWriteRequest<PutInputOf<T>, KeyOf<T>>[],
    options: BatchWriteOptions = {},
  ): Promise<void> {
    return batchWriteItems(this.target, requests, options);
  }

  /** Operations on this table for `transactWrite` and `transactGet`. */
  readonly transaction: TableTransaction<T> = {
    put: (item, options) =>
      withVersionCheck(
        {
          kind: 'put',
          target: this.target,
          request: buildTransactPut(this.definition, this.tableName, item, options),
        },
        transactVersionCheck(this.definition, 'put', { item }, options?.condition),
      ),
    update: (key, update, options) =>
      withVersionCheck(
        {
          kind: 'update',
          target: this.target,
          request: buildTransactUpdate(this.definition, this.tableName, key, update, options),
          ...missingForCreate(this.definition, update, options?.mustExist),
        },
        transactVersionCheck(this.definition, 'update', options ?? {}, options?.condition),
      ),
    delete: (key, options) =>
      withVersionCheck(
        {
          kind: 'delete',
          target: this.target,
          request: buildTransactDelete(this.definition, this.tableName, key, options),
        },
        transactVersionCheck(this.definition, 'delete', options ?? {}, options?.condition),
      ),
    conditionCheck: (key, condition) => ({
      kind: 'conditionCheck',
      target: this.target,
      request: buildTransactConditionCheck(this.definition, this.tableName, key, condition),
    }),
    get: (key, options) => ({
      kind: 'get',
      target: this.target,
      request: buildTransactGet(this.definition, this.tableName, key, options),
      ...(options?.projection ? { projection: options.projection } : {}),
    }),
  };
}

function withVersionCheck(
  operation: TransactWriteOperation,
  versionCheck: TransactVersionCheck | undefined,
): TransactWriteOperation {
  return versionCheck ? { ...operation, versionCheck } : operation;
}
