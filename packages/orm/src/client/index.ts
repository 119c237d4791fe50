export {
  BATCH_GET_LIMIT,
  type BatchGetOptions,
  batchGetItems,
  buildBatchGetInputs,
} from './actions/batch-get.js';
export {
  BATCH_WRITE_LIMIT,
  type BatchWriteOptions,
  type BatchWriteRequest,
  batchWriteItems,
  buildBatchWriteInputs,
} from './actions/batch-write.js';
export {
  buildCountInput,
  type CountInput,
  type CountOptions,
  countItems,
} from './actions/count.js';
export { buildDeleteInput, type DeleteOptions, deleteItem } from './actions/delete.js';
export { buildGetInput, type GetOptions, getItem } from './actions/get.js';
export {
  buildPutInput,
  type PreparedPut,
  type PutOptions,
  preparePut,
  putItem,
} from './actions/put.js';
export {
  buildQueryInput,
  type Page,
  type QueryOptions,
  queryAllItems,
  queryItems,
} from './actions/query.js';
export {
  buildScanInput,
  type ScanAllOptions,
  type ScanOptions,
  scanAllItems,
  scanItems,
} from './actions/scan.js';
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
  isVersionConflict,
  TRANSACTION_LIMIT,
  type TransactVersionCheck,
  type TransactWriteOperation,
  type TransactWriteOptions,
  transactVersionCheck,
  transactWrite,
  type VersionConflictReason,
} from './actions/transact-write.js';
export { buildUpdateInput, type UpdateOptions, updateItem } from './actions/update.js';
export { createTableInput, type TableCreation } from './create-table-input.js';
export { decodeCursor, encodeCursor } from './cursor.js';
export { defaultDynamoDBClient, resetDefaultDynamoDBClient } from './default-client.js';
export * from './expressions/index.js';
export { physicalName, resolveTableName, tableEnvVar } from './resource-discovery.js';
export type { RetryOptions } from './retry.js';
export { type Table, type TableOptions, table } from './table.js';
export { TableClient, type TableClientOptions, type TableTransaction } from './table-client.js';
export type {
  BatchGetOptionsOf,
  ConditionOf,
  CountOptionsOf,
  GetOptionsOf,
  IndexAttributeNames,
  IndexProjected,
  KeyConditionOf,
  Projected,
  QueryOptionsOf,
  ScanAllOptionsOf,
  ScanOptionsOf,
  UpdateOf,
} from './types.js';
