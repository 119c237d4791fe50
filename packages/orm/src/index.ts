// The package's public API, listed name by name: nothing is exported by accident. Request
// builders live in `@davinci/orm/requests`, resource discovery in `@davinci/orm/discovery`, and
// the attribute builders alone (for the smallest bundles) in `@davinci/orm/attr`.

// One function per action, for the smallest handler bundles
export {
  BATCH_GET_LIMIT,
  type BatchGetOptions,
  batchGetItems,
} from './client/actions/batch-get.js';
export {
  BATCH_WRITE_LIMIT,
  type BatchWriteOptions,
  type BatchWriteRequest,
  batchWriteItems,
} from './client/actions/batch-write.js';
export { type CountOptions, countItems } from './client/actions/count.js';
export { type DeleteOptions, deleteItem } from './client/actions/delete.js';
export { type GetOptions, getItem } from './client/actions/get.js';
export { type PutOptions, putItem } from './client/actions/put.js';
export { type QueryOptions, queryAllItems, queryItems } from './client/actions/query.js';
export {
  type ScanAllOptions,
  type ScanOptions,
  scanAllItems,
  scanItems,
} from './client/actions/scan.js';
export {
  type TransactGetOperation,
  type TransactGetOptions,
  transactGet,
} from './client/actions/transact-get.js';
export {
  isVersionConflict,
  TRANSACTION_LIMIT,
  type TransactVersionCheck,
  type TransactWriteOperation,
  type TransactWriteOptions,
  transactVersionCheck,
  transactWrite,
  type VersionConflictReason,
} from './client/actions/transact-write.js';
export { type UpdateOptions, updateItem } from './client/actions/update.js';
export { createTableInput, type TableCreation } from './client/create-table-input.js';
export { defaultDynamoDBClient, resetDefaultDynamoDBClient } from './client/default-client.js';
// Conditions, filters and updates
export type {
  AttributeCondition,
  AttributeConditions,
  Condition,
  DynamoType,
  LogicalCondition,
  LooseCondition,
  OperatorCondition,
  SizeCondition,
} from './client/expressions/condition.js';
export type { SortKeyCondition } from './client/expressions/key-condition.js';
export type { UpdateSpec } from './client/expressions/update.js';
export type { Page } from './client/page.js';
export type { BatchRetryOptions } from './client/retry.js';
export { type Table, type TableClientOptions, table } from './client/table.js';
// The table client
export { TableClient, type TableTransaction } from './client/table-client.js';
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
} from './client/types.js';
// Errors
export {
  ConditionFailedError,
  DavinciOrmError,
  InvalidDefinitionError,
  type ItemErrorContext,
  type OrmErrorCode,
  TableNotFoundError,
  TransactionCanceledError,
  type TransactionCancellationReason,
  UnprocessedItemsError,
  UpdateCannotCreateError,
  ValidationError,
  type ValidationIssue,
  type ValidationSubject,
  VersionConflictError,
} from './errors.js';
export * as attr from './schema/attr.js';
// Defining tables
export type {
  AnyAttributeBuilder,
  AttributeBuilder,
  CustomRule,
  DefaultValue,
  ValidateFn,
} from './schema/attribute.js';
export type {
  CompositeParts,
  CompositeStringOptions,
} from './schema/attributes/composite-string.js';
export type { DatetimeOptions, DatetimeStorage } from './schema/attributes/datetime.js';
export type { LiteralValue } from './schema/attributes/literal.js';
export type { NumberOptions } from './schema/attributes/number.js';
export type { StringOptions } from './schema/attributes/string.js';
export type { AttributeKind, KeyType } from './schema/codec.js';
export { defineTable } from './schema/define-table.js';
export type {
  DefineTableProps,
  GlobalIndexProps,
  IndexProjection,
  KeyableNames,
  LocalIndexProps,
  TimestampsProps,
} from './schema/define-table-props.js';
export type { AnyTableDefinition, Attribute, TableDefinition } from './schema/definition.js';
export type { JsonObject, JsonValue } from './schema/json-value.js';
export type {
  GlobalSecondaryIndexSchema,
  KeyAttribute,
  LocalSecondaryIndexSchema,
  Projection,
  TableSchema,
} from './schema/table-schema.js';
export type {
  AddableAttributeNames,
  AttributeKindOf,
  AttributeNames,
  AttributeNamesOfKind,
  AttributesShape,
  AttributeValueOf,
  ElementOf,
  IndexKeyAttributeNames,
  IndexNames,
  ItemOf,
  ItemOfAttributes,
  KeyAttributeNames,
  KeyOf,
  ListAttributeNames,
  NestedAttributeNames,
  NonKeyAttributeNames,
  NumberAttributeNames,
  PutInputOf,
  SetAttributeNames,
  TableTypes,
} from './schema/types.js';
