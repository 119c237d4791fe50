import { attr, defineTable } from '../../src/index.js';

/** A table whose names are DynamoDB reserved words, with nested, list, set and composite attributes. */
export const Reserved = defineTable({
  name: 'reserved',
  partitionKey: 'name',
  sortKey: 'count',
  attributes: {
    name: attr.string(),
    count: attr.number(),
    status: attr.literal('open', 'closed').default('open'),
    size: attr.number().optional(),
    date: attr.datetime().optional(),
    address: attr.json<{ city: string; zip?: string }>().optional(),
    tags: attr.stringList().optional(),
    labels: attr.stringSet().optional(),
    scores: attr.numberSet().optional(),
    tenant_key: attr.compositeString(['tenant', 'user']).optional(),
    note: attr.string().optional(),
    version: attr.number().optional(),
    updated: attr.datetime().optional(),
  },
  version: 'version',
  timestamps: { updatedAt: 'updated' },
  globalSecondaryIndexes: { byTenant: { partitionKey: 'tenant_key', sortKey: 'date' } },
});
