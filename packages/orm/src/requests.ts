// `@davinci/orm/requests`: each action's pure builder, which returns the AWS SDK input without
// sending it — for inspecting what an action would send, for tests and for benchmarks.
export { buildBatchGetInputs } from './client/actions/batch-get.js';
export { buildBatchWriteInputs } from './client/actions/batch-write.js';
export { buildCountInput, type CountInput } from './client/actions/count.js';
export { buildDeleteInput } from './client/actions/delete.js';
export { buildGetInput } from './client/actions/get.js';
export { buildPutInput } from './client/actions/put.js';
export { buildQueryInput } from './client/actions/query.js';
export { buildScanInput } from './client/actions/scan.js';
export { buildTransactGetInput } from './client/actions/transact-get.js';
export { buildTransactWriteInput } from './client/actions/transact-write.js';
export { buildUpdateInput } from './client/actions/update.js';
