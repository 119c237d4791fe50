import type { AnyTableDefinition } from '../schema/definition.js';

export type { AnyTableDefinition };

/** A key of any table (validated by its definition's `toKey`). */
export type AnyKey = Parameters<AnyTableDefinition['toKey']>[0];
