import type { AnyTableDefinition } from '../schema/index.js';

/** Any table definition, whatever its item type: what the untyped action functions take. */
export type AnyDefinition = AnyTableDefinition;

/** A key of any table (validated by its definition's `toKey`). */
export type AnyKey = Parameters<AnyTableDefinition['toKey']>[0];
