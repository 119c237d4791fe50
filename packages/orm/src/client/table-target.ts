import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '../errors.js';
import type { AnyTableDefinition } from './definition.js';
import { rootOf } from './expressions/attribute-path.js';

/**
 * A table to run operations on: its definition, its physical name (resolved once) and the
 * DynamoDBClient to send with. `table(UserTable)` makes one; pass it to `getItem`, `putItem`, ….
 */
export interface Table<D extends AnyTableDefinition = AnyTableDefinition> {
  readonly definition: D;
  readonly tableName: string;
  readonly client: DynamoDBClient;
}

/** The table's key attribute names, partition key first. */
export function keyAttributesOf(definition: AnyTableDefinition): string[] {
  const { partitionKey, sortKey } = definition.schema;
  return sortKey ? [partitionKey.name, sortKey.name] : [partitionKey.name];
}

export function versionAttributeOf(definition: AnyTableDefinition): string | undefined {
  return definition.versionAttribute ?? definition.schema.versionAttribute;
}

/** A stable text for the key of a marshalled item or key, to match responses to requests. */
export function keySignature(
  definition: AnyTableDefinition,
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

/**
 * Parses an item DynamoDB returned after a write (or with a failed condition) without throwing:
 * the write already happened, so data that no longer fits the definition must not turn it into
 * an error. Attributes whose stored value does not fit their type come back as their plain stored
 * value (numbers as numbers, maps as objects, sets as arrays); every other attribute is parsed.
 */
export function parseStored(
  definition: AnyTableDefinition,
  raw: Record<string, AttributeValue>,
): unknown {
  const fitting = { ...raw };
  const unfit: Record<string, unknown> = {};
  // Each attempt sets one unfit attribute aside, so this ends after at most one pass per attribute.
  for (;;) {
    try {
      return { ...(definition.fromItem(fitting) as Record<string, unknown>), ...unfit };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const names = error.issues
        .map((issue) => rootOf(issue.path))
        .filter((name) => name in fitting);
      if (names.length === 0) return { ...plainValues(fitting), ...unfit };
      for (const name of names) {
        unfit[name] = plainValue(fitting[name] as AttributeValue);
        delete fitting[name];
      }
    }
  }
}

/** A stored value as plain data, whatever the definition expects (sets become arrays). */
function plainValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.L !== undefined) return value.L.map(plainValue);
  if (value.M !== undefined) return plainValues(value.M);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  return value;
}

function plainValues(raw: Record<string, AttributeValue>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) plain[name] = plainValue(value);
  return plain;
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
 * The attributes an index holds: the table's keys, the index's keys and, for `INCLUDE`, the
 * attributes listed. `undefined` for an `ALL` projection (or no index): the whole item.
 */
export function indexAttributes(
  definition: AnyTableDefinition,
  index: string | undefined,
): readonly string[] | undefined {
  if (index === undefined) return undefined;
  const { schema } = definition;
  const global = schema.globalSecondaryIndexes.find((candidate) => candidate.indexName === index);
  const local = schema.localSecondaryIndexes.find((candidate) => candidate.indexName === index);
  const projection = (global ?? local)?.projection;
  if (!projection || projection.type === 'ALL') return undefined;
  return [
    ...new Set([
      ...keyAttributesOf(definition),
      ...(global ? [global.partitionKey.name] : []),
      ...[global?.sortKey?.name, local?.sortKey.name].filter((name) => name !== undefined),
      ...(projection.type === 'INCLUDE' ? (projection.nonKeyAttributes ?? []) : []),
    ]),
  ];
}

/**
 * The attributes a read returns: those of its projection (paths count by their root), else
 * those its index holds, else `undefined` (the whole item).
 */
export function readAttributes(
  definition: AnyTableDefinition,
  index: string | undefined,
  projection: readonly string[] | undefined,
): readonly string[] | undefined {
  if (projection?.length) return [...new Set(projection.map(rootOf))];
  return indexAttributes(definition, index);
}

/**
 * Parses an item that holds only some attributes (a projection, or an index that does not copy
 * everything): only those attributes are kept, so no default is made up for an attribute that
 * was simply not read.
 */
export function parseProjected(
  definition: AnyTableDefinition,
  raw: Record<string, AttributeValue>,
  attributes: readonly string[] | undefined,
): unknown {
  const item = definition.fromItem(raw) as Record<string, unknown>;
  if (!attributes) return item;
  const kept: Record<string, unknown> = {};
  for (const name of attributes) {
    if (item[name] !== undefined) kept[name] = item[name];
  }
  return kept;
}
