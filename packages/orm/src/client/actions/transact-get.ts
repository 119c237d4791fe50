import {
  type DynamoDBClient,
  type TransactGetItem,
  TransactGetItemsCommand,
  type TransactGetItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { AnyKey, AnyTableDefinition } from '../definition.js';
import { ExpressionContext } from '../expressions/expression-context.js';
import { compileProjection } from '../expressions/projection.js';
import { parseProjected, readAttributes, type Table } from '../table-target.js';
import { checkTransactionItems, translateTransactionError } from './transact-write.js';

/** One read of a transaction, made by `table.transaction.get(key)`; `Item` types the result. */
export interface TransactGetOperation<Item = unknown> {
  readonly kind: 'get';
  readonly target: Table;
  readonly request: TransactGetItem;
  /** The attributes the read returns; default: all. */
  readonly projection?: readonly string[];
  /** Type-level only: the item this read returns. */
  readonly '~item'?: Item;
}

export interface TransactGetOptions {
  /** Client to send with. Default: the client of the first operation's table. */
  readonly client?: DynamoDBClient;
}

/** One transactional read. No I/O. */
export function buildTransactGet(
  definition: AnyTableDefinition,
  tableName: string,
  key: AnyKey,
  options: { projection?: readonly string[] } = {},
): TransactGetItem {
  const request: TransactGetItem = { Get: { TableName: tableName, Key: definition.toKey(key) } };
  if (options.projection?.length && request.Get) {
    const context = new ExpressionContext(definition);
    request.Get.ProjectionExpression = compileProjection(context, options.projection);
    request.Get.ExpressionAttributeNames = context.names;
  }
  return request;
}

/** The TransactGetItems input. No I/O. */
export function buildTransactGetInput(
  operations: readonly TransactGetOperation[],
): TransactGetItemsCommandInput {
  checkTransactionItems(operations, (request) => request.Get?.Key);
  return { TransactItems: operations.map((operation) => operation.request) };
}

type ItemsOf<Operations extends readonly TransactGetOperation[]> = {
  -readonly [Index in keyof Operations]: Operations[Index] extends TransactGetOperation<infer Item>
    ? Item | undefined
    : never;
};

/** Reads up to 100 items (from any tables) as one consistent snapshot; `undefined` where missing. */
export async function transactGet<const Operations extends readonly TransactGetOperation[]>(
  operations: Operations,
  options: TransactGetOptions = {},
): Promise<ItemsOf<Operations>> {
  const input = buildTransactGetInput(operations);
  const first = operations[0] as TransactGetOperation;
  const client = options.client ?? first.target.client;
  try {
    const output = await client.send(new TransactGetItemsCommand(input));
    const responses = output.Responses ?? [];
    return operations.map((operation, index) => {
      const raw = responses[index]?.Item;
      return raw
        ? parseProjected(
            operation.target.definition,
            raw,
            readAttributes(operation.target.definition, undefined, operation.projection),
          )
        : undefined;
    }) as ItemsOf<Operations>;
  } catch (error) {
    throw translateTransactionError(error, operations, first.target);
  }
}
