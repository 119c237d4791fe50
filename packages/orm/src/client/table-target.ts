import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '../errors.js';
import type { AnyDefinition } from './definition.js';
import { rootOf } from './expressions/attribute-path.js';

/** Where an action runs: a definition, its resolved physical table name and a DynamoDBClient. */
export interface TableTarget<D extends AnyDefinition = AnyDefinition> {
  readonly definition: D;
  readonly tableName: string;
  readonly client: DynamoDBClient;
}

/** The table's key attribute names, partition key first. */
export function keyAttributesOf(definition: AnyDefinition): string[] {
  const { partitionKey, sortKey } = definition.schema;
  return sortKey ? [partitionKey.name, sortKey.name] : [partitionKey.name];
}

export function versionAttributeOf(definition: AnyDefinition): string | undefined {
  return definition.versionAttribute ?? definition.schema.versionAttribute;
}

/** A stable text for the key of a marshalled item or key, to match responses to requests. */
export function keySignature(
  definition: AnyDefinition,
  raw: Record<string, AttributeValue>,
): string {
  return JSON.stringify(
    keyAttributesOf(definition).map((name) => {
      const value = raw[name];
      if (!value) return null;
      if (value.S !== undefined) return ['S', value.S];
      if (value.N !== undefined) return ['N', value.N];
      if (value.B !== undefined) return ['B', Buffer.from(value.B).toString('base64')];
      return null;
    }),
  );
}

/** Parses a stored item; falls back to the raw attribute map if the stored data no longer fits. */
export function parseStored(
  definition: AnyDefinition,
  raw: Record<string, AttributeValue>,
): unknown {
  try {
    return definition.fromItem(raw);
  } catch (error) {
    if (error instanceof ValidationError) return raw;
    throw error;
  }
}

/** Reads a number attribute from a raw item (the version, for conflict reports). */
export function numberAt(
  raw: Record<string, AttributeValue> | undefined,
  name: string,
): number | undefined {
  const value = raw?.[name]?.N;
  return value === undefined ? undefined : Number(value);
}

/**
 * Parses an item read with a projection: only the projected attributes are kept (the definition
 * would otherwise fill defaults for attributes that were simply not read).
 */
export function parseProjected(
  definition: AnyDefinition,
  raw: Record<string, AttributeValue>,
  projection: readonly string[] | undefined,
): unknown {
  const item = definition.fromItem(raw);
  if (!projection?.length) return item;
  const kept: Record<string, unknown> = {};
  for (const path of projection) {
    const root = rootOf(path);
    const value = (item as Record<string, unknown>)[root];
    if (value !== undefined && root in raw) kept[root] = value;
  }
  return kept;
}
