export {
  BATCH_GET_LIMIT,
  type BatchGetOptions,
  buildBatchGetInputs,
} from './actions/batch-get.js';
export {
  BATCH_WRITE_LIMIT,
  type BatchWriteOptions,
  type BatchWriteRequest,
  buildBatchWriteInputs,
} from './actions/batch-write.js';
export { buildCountInput, type CountInput, type CountOptions } from './actions/count.js';
export { buildDeleteInput, type DeleteOptions } from './actions/delete.js';
export { buildGetInput, type GetOptions } from './actions/get.js';
export { buildPutInput, type PreparedPut, type PutOptions, preparePut } from './actions/put.js';
export { buildQueryInput, type Page, type QueryOptions } from './actions/query.js';
export { buildScanInput, type ScanAllOptions, type ScanOptions } from './actions/scan.js';
export {
  buildTransactGet,
  buildTransactGetInput,
  type TransactGetOperation,
  type TransactGetOptions,
  transactGet,
} from './actions/transact-get.js';
export {
  buildTransactConditionCheck,
  buildTransactDelete,
  buildTransactPut,
  buildTransactUpdate,
  buildTransactWriteInput,
  TRANSACTION_LIMIT,
  type TransactWriteOperation,
  type TransactWriteOptions,
  transactWrite,
} from './actions/transact-write.js';
export { buildUpdateInput, type UpdateOptions } from './actions/update.js';
export { decodeCursor, encodeCursor } from './cursor.js';
export { defaultDynamoDBClient } from './default-client.js';
export * from './expressions/index.js';
export { physicalName, resolveTableName, tableEnvVar } from './resource-discovery.js';
export type { RetryOptions } from './retry.js';
export { TableClient, type TableClientOptions, type TableTransaction } from './table-client.js';
export type { ConditionOf, KeyConditionOf, Projected, UpdateOf } from './types.js';
