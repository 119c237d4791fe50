// TEMPORARY: mirrors @davinci/event-bus's IdempotencyTable until its build exposes it.
import type { TableDefinitionLike } from './table-definition.js';
export const IdempotencyTable: TableDefinitionLike = {
  name: 'davinci_idempotency',
  schema: {
    name: 'davinci_idempotency',
    partitionKey: { name: 'id', type: 'S' },
    globalSecondaryIndexes: [],
    localSecondaryIndexes: [],
    timeToLiveAttribute: 'expires_at',
  },
};
