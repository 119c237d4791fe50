import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '../errors.js';
import type { AnyDefinition } from './definition.js';

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
