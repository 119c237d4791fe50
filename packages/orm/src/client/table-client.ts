import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  AnyTableDefinition,
  AttributeNames,
  IndexNames,
  ItemOf,
  KeyOf,
  PutInputOf,
} from '../schema/index.js';
import { type BatchGetOptions, batchGetItems } from './actions/batch-get.js';
import {
  type BatchWriteOptions,
  type BatchWriteRequest,
  batchWriteItems,
} from './actions/batch-write.js';
import { type CountOptions, countItems } from './actions/count.js';
import { type DeleteOptions, deleteItem } from './actions/delete.js';
import { type GetOptions, getItem } from './actions/get.js';
import { type PutOptions, putItem } from './actions/put.js';
import { type Page, type QueryOptions, queryAllItems, queryPage } from './actions/query.js';
import { type ScanAllOptions, type ScanOptions, scanAllItems, scanPage } from './actions/scan.js';
import { buildTransactGet, type TransactGetOperation } from './actions/transact-get.js';
import {
  buildTransactConditionCheck,
  buildTransactDelete,
  buildTransactPut,
  buildTransactUpdate,
  type TransactWriteOperation,
} from './actions/transact-write.js';
import { type UpdateOptions, updateItem } from './actions/update.js';
import { defaultDynamoDBClient } from './default-client.js';
import { resolveTableName } from './resource-discovery.js';
import type { TableTarget } from './table-target.js';
import type { ConditionOf, KeyConditionOf, Projected, UpdateOf } from './types.js';

export interface TableClientOptions {
  /**
   * The DynamoDBClient to send with. Default: one client shared by every table, created on first
   * use from the SDK's own configuration (region, credentials, `AWS_ENDPOINT_URL_DYNAMODB`, …).
   */
  readonly client?: DynamoDBClient;
  /**
   * The physical table name. Default: resource discovery — `DAVINCI_TABLE_<LOGICAL>`, else
   * `{DAVINCI_APP_NAME}-{DAVINCI_DEPLOYMENT_ID}-{logical}`, else the logical name.
   */
  readonly tableName?: string;
}

type Query<T, I, P> = Omit<QueryOptions, 'where' | 'index' | 'filter' | 'projection'> & {
  /** Key condition: the partition key's value, optionally one operator on the sort key. */
  readonly where: KeyConditionOf<T, I>;
  /** A global or local secondary index to query instead of the table. */
  readonly index?: I;
  /** Condition applied after reading. */
  readonly filter?: ConditionOf<T>;
  /** Attributes to return; default: all. */
  readonly projection?: readonly P[];
};

type Scan<T, P> = Omit<ScanOptions, 'filter' | 'projection' | 'index'> & {
  /** A global or local secondary index to scan instead of the table. */
  readonly index?: IndexNames<T>;
  /** Condition applied after reading. */
  readonly filter?: ConditionOf<T>;
  /** Attributes to return; default: all. */
  readonly projection?: readonly P[];
};

type ScanAll<T, P> = Omit<ScanAllOptions, 'filter' | 'projection' | 'index'> & {
  /** A global or local secondary index to scan instead of the table. */
  readonly index?: IndexNames<T>;
  /** Condition applied after reading. */
  readonly filter?: ConditionOf<T>;
  /** Attributes to return; default: all. */
  readonly projection?: readonly P[];
};

type Count<T, I> = Omit<CountOptions, 'where' | 'index' | 'filter'> & {
  /** Key condition: counts with a Query when given, else with a Scan. */
  readonly where?: KeyConditionOf<T, I>;
  /** A global or local secondary index to count in instead of the table. */
  readonly index?: I;
  /** Only items matching this condition are counted. */
  readonly filter?: ConditionOf<T>;
};

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
  private readonly injectedClient: DynamoDBClient | undefined;
  private readonly target: TableTarget;

  constructor(
    readonly definition: T,
    options: TableClientOptions = {},
  ) {
    this.tableName = resolveTableName(definition, options.tableName);
    this.injectedClient = options.client;
    const self = this;
    this.target = {
      definition,
      tableName: this.tableName,
      get client() {
        return self.client;
      },
    };
  }

  /** The DynamoDBClient in use (the shared default unless one was injected). */
  get client(): DynamoDBClient {
    return this.injectedClient ?? defaultDynamoDBClient();
  }

  /** Reads one item by key; `undefined` when there is none. */
  async get<P extends AttributeNames<T> = AttributeNames<T>>(
    key: KeyOf<T>,
    options: Omit<GetOptions, 'projection'> & { readonly projection?: readonly P[] } = {},
  ): Promise<Projected<T, P> | undefined> {
    return (await getItem(this.target, key, options)) as Projected<T, P> | undefined;
  }

  /**
   * Validates and writes an item (defaults, timestamps and version applied); returns the item as
   * stored. `{ mustNotExist: true }` refuses to overwrite; `condition` must hold on the stored item.
   */
  async put(item: PutInputOf<T>, options: PutOptions<ConditionOf<T>> = {}): Promise<ItemOf<T>> {
    return (await putItem(this.target, item, options)) as ItemOf<T>;
  }

  /** Applies an atomic update and returns the item as it is afterwards. */
  async update(
    key: KeyOf<T>,
    update: UpdateOf<T>,
    options: UpdateOptions<ConditionOf<T>> = {},
  ): Promise<ItemOf<T>> {
    return (await updateItem(this.target, key, update, options)) as ItemOf<T>;
  }

  /** Deletes an item; returns it as it was, or `undefined` when there was none. */
  async delete(
    key: KeyOf<T>,
    options: DeleteOptions<ConditionOf<T>> = {},
  ): Promise<ItemOf<T> | undefined> {
    return (await deleteItem(this.target, key, options)) as ItemOf<T> | undefined;
  }

  /** One page of a query; pass `cursor` back to read the next page. */
  async query<I extends IndexNames<T> = never, P extends AttributeNames<T> = AttributeNames<T>>(
    options: Query<T, I, P>,
  ): Promise<Page<Projected<T, P>>> {
    return (await queryPage(this.target, options as QueryOptions)) as Page<Projected<T, P>>;
  }

  /** Every item of a query, reading page after page as the loop asks for more. */
  queryAll<I extends IndexNames<T> = never, P extends AttributeNames<T> = AttributeNames<T>>(
    options: Query<T, I, P>,
  ): AsyncIterable<Projected<T, P>> {
    return queryAllItems(this.target, options as QueryOptions) as AsyncIterable<Projected<T, P>>;
  }

  /** One page of a scan (optionally one segment of a parallel scan). */
  async scan<P extends AttributeNames<T> = AttributeNames<T>>(
    options: Scan<T, P> = {},
  ): Promise<Page<Projected<T, P>>> {
    return (await scanPage(this.target, options as ScanOptions)) as Page<Projected<T, P>>;
  }

  /** Every item of the table (or index); `segments` scans that many segments in parallel. */
  scanAll<P extends AttributeNames<T> = AttributeNames<T>>(
    options: ScanAll<T, P> = {},
  ): AsyncIterable<Projected<T, P>> {
    return scanAllItems(this.target, options as ScanAllOptions) as AsyncIterable<Projected<T, P>>;
  }

  /** Counts matching items across every page: a Query when `where` is given, else a Scan. */
  count<I extends IndexNames<T> = never>(options: Count<T, I> = {}): Promise<number> {
    return countItems(this.target, options as CountOptions);
  }

  /**
   * Reads many items by key, in chunks of 100, retrying unprocessed keys. The result is aligned
   * with `keys` (`undefined` where no item exists); duplicate keys are read once.
   */
  async batchGet<P extends AttributeNames<T> = AttributeNames<T>>(
    keys: readonly KeyOf<T>[],
    options: Omit<BatchGetOptions, 'projection'> & { readonly projection?: readonly P[] } = {},
  ): Promise<(Projected<T, P> | undefined)[]> {
    return (await batchGetItems(this.target, keys, options)) as (Projected<T, P> | undefined)[];
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
    put: (item, options) => ({
      kind: 'put',
      target: this.target,
      request: buildTransactPut(this.definition, this.tableName, item, options),
    }),
    update: (key, update, options) => ({
      kind: 'update',
      target: this.target,
      request: buildTransactUpdate(this.definition, this.tableName, key, update, options),
    }),
    delete: (key, options) => ({
      kind: 'delete',
      target: this.target,
      request: buildTransactDelete(this.definition, this.tableName, key, options),
    }),
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
