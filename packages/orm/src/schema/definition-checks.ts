import { InvalidDefinitionError } from '../errors.js';
import { AttributeBuilder } from './attribute.js';
import type { KeyType } from './codec.js';
import { type Field, toField } from './field.js';
import { IssueSink } from './issues.js';
import type {
  GlobalSecondaryIndexSchema,
  KeyAttribute,
  LocalSecondaryIndexSchema,
  Projection,
  TableSchema,
} from './table-schema.js';

/** `defineTable`'s props as seen at runtime, where plain JavaScript may pass anything. */
interface RuntimeProps {
  readonly name: unknown;
  readonly attributes: unknown;
  readonly partitionKey: unknown;
  readonly sortKey?: unknown;
  readonly globalSecondaryIndexes?: unknown;
  readonly localSecondaryIndexes?: unknown;
  readonly timeToLive?: unknown;
  readonly version?: unknown;
  readonly timestamps?: unknown;
}

const KNOWN_PROPS = new Set([
  'name',
  'attributes',
  'partitionKey',
  'sortKey',
  'globalSecondaryIndexes',
  'localSecondaryIndexes',
  'timeToLive',
  'version',
  'timestamps',
]);

/** DynamoDB's rule for table and index names. */
const RESOURCE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
/** DynamoDB allows at most 5 local secondary indexes per table. */
const MAX_LOCAL_INDEXES = 5;

/**
 * Checks a whole definition, collecting every problem, and builds its `TableSchema` and fields.
 * Throws one `InvalidDefinitionError` listing every problem.
 */
export function checkDefinition(props: RuntimeProps): { schema: TableSchema; fields: Field[] } {
  const problems: string[] = [];
  const problem = (text: string) => problems.push(text);
  const label = typeof props.name === 'string' ? props.name : '(unnamed table)';

  for (const key of Object.keys(props)) {
    if (!KNOWN_PROPS.has(key)) problem(`unknown option '${key}'`);
  }
  if (typeof props.name !== 'string' || !RESOURCE_NAME.test(props.name)) {
    problem(
      `name ${JSON.stringify(props.name)} must be 3-255 characters of a-z, A-Z, 0-9, '_', '-', '.'`,
    );
  }

  const fields = checkAttributes(props.attributes, problem);
  const byName = new Map(fields.map((field) => [field.name, field]));

  const keyOf = (role: string, name: unknown, mayBeOptional: boolean): KeyAttribute | undefined => {
    if (typeof name !== 'string') {
      problem(`${role} must be an attribute name, got ${JSON.stringify(name)}`);
      return undefined;
    }
    const field = byName.get(name);
    if (field === undefined) {
      problem(`${role} '${name}' is not an attribute`);
      return undefined;
    }
    const type: KeyType | undefined = field.codec.keyType;
    if (type === undefined) {
      problem(
        `${role} '${name}' is a ${field.codec.kind} attribute, but keys must be string, number, ` +
          'single-type literal, compositeString or datetime attributes',
      );
      return undefined;
    }
    if (!mayBeOptional && field.optional) {
      problem(`${role} '${name}' is optional, but every item needs its primary key`);
    }
    return { name, type };
  };

  const partitionKey = keyOf('partitionKey', props.partitionKey, false);
  const sortKey = props.sortKey === undefined ? undefined : keyOf('sortKey', props.sortKey, false);
  if (sortKey !== undefined && sortKey.name === partitionKey?.name) {
    problem(`sortKey '${sortKey.name}' is also the partitionKey`);
  }
  const tableKeys = new Set([partitionKey?.name, sortKey?.name]);

  const indexNames = new Set<string>();
  const checkIndexName = (kind: string, name: string) => {
    if (!RESOURCE_NAME.test(name)) {
      problem(`${kind} name '${name}' must be 3-255 characters of a-z, A-Z, 0-9, '_', '-', '.'`);
    }
    if (indexNames.has(name)) problem(`index name '${name}' is used twice`);
    indexNames.add(name);
  };

  const projectionOf = (
    index: string,
    value: unknown,
    keys: Set<string | undefined>,
  ): Projection => {
    if (value === undefined || value === 'all') return { type: 'ALL' };
    if (value === 'keys') return { type: 'KEYS_ONLY' };
    if (!Array.isArray(value) || value.length === 0) {
      problem(
        `index '${index}' projection must be 'all', 'keys' or a non-empty list of attributes`,
      );
      return { type: 'ALL' };
    }
    const seen = new Set<string>();
    for (const name of value) {
      if (typeof name !== 'string' || !byName.has(name)) {
        problem(`index '${index}' projects '${String(name)}', which is not an attribute`);
      } else if (keys.has(name)) {
        problem(
          `index '${index}' projects key attribute '${name}', which every index copies anyway`,
        );
      } else if (seen.has(name)) {
        problem(`index '${index}' projects '${name}' twice`);
      }
      seen.add(String(name));
    }
    return { type: 'INCLUDE', nonKeyAttributes: [...seen] };
  };

  const globalSecondaryIndexes: GlobalSecondaryIndexSchema[] = [];
  for (const [indexName, index] of entriesOf(
    'globalSecondaryIndexes',
    props.globalSecondaryIndexes,
    problem,
  )) {
    checkIndexName('global secondary index', indexName);
    const role = `global secondary index '${indexName}'`;
    const pk = keyOf(`${role} partitionKey`, index.partitionKey, true);
    const sk =
      index.sortKey === undefined ? undefined : keyOf(`${role} sortKey`, index.sortKey, true);
    if (sk !== undefined && sk.name === pk?.name) problem(`${role} uses '${sk.name}' as both keys`);
    const keys = new Set([...tableKeys, pk?.name, sk?.name]);
    const projection = projectionOf(indexName, index.projection, keys);
    if (pk !== undefined) {
      globalSecondaryIndexes.push({
        indexName,
        partitionKey: pk,
        ...(sk && { sortKey: sk }),
        projection,
      });
    }
  }

  const localSecondaryIndexes: LocalSecondaryIndexSchema[] = [];
  const locals = entriesOf('localSecondaryIndexes', props.localSecondaryIndexes, problem);
  if (locals.length > 0 && sortKey === undefined) {
    problem('local secondary indexes need the table to have a sortKey');
  }
  if (locals.length > MAX_LOCAL_INDEXES) {
    problem(
      `a table can have at most ${MAX_LOCAL_INDEXES} local secondary indexes, got ${locals.length}`,
    );
  }
  for (const [indexName, index] of locals) {
    checkIndexName('local secondary index', indexName);
    const role = `local secondary index '${indexName}'`;
    const sk = keyOf(`${role} sortKey`, index.sortKey, true);
    if (sk !== undefined && tableKeys.has(sk.name)) {
      problem(`${role} sortKey '${sk.name}' must differ from the table's keys`);
    }
    const projection = projectionOf(indexName, index.projection, new Set([...tableKeys, sk?.name]));
    if (sk !== undefined) localSecondaryIndexes.push({ indexName, sortKey: sk, projection });
  }

  const timeToLiveAttribute = checkTimeToLive(props.timeToLive, byName, problem);
  const versionAttribute = checkVersion(props.version, byName, tableKeys, problem);
  checkTimestamps(props.timestamps, byName, problem);

  if (problems.length > 0) {
    throw new InvalidDefinitionError(`table '${label}': ${problems.join('; ')}`);
  }
  const schema: TableSchema = {
    name: props.name as string,
    partitionKey: partitionKey as KeyAttribute,
    ...(sortKey && { sortKey }),
    globalSecondaryIndexes,
    localSecondaryIndexes,
    ...(timeToLiveAttribute !== undefined && { timeToLiveAttribute }),
    ...(versionAttribute !== undefined && { versionAttribute }),
  };
  return { schema, fields };
}

function checkAttributes(value: unknown, problem: (text: string) => void): Field[] {
  if (typeof value !== 'object' || value === null || Object.keys(value).length === 0) {
    problem('attributes must be an object with at least one attribute');
    return [];
  }
  const fields: Field[] = [];
  for (const [name, builder] of Object.entries(value)) {
    if (!(builder instanceof AttributeBuilder)) {
      problem(`attribute '${name}' must be built with attr.*()`);
      continue;
    }
    if (name === '__proto__') problem(`attribute name '__proto__' is not allowed`);
    if (name.length === 0 || /[.[\]]/.test(name)) {
      problem(
        `attribute name '${name}' must be non-empty and free of '.', '[' and ']' (they delimit paths)`,
      );
    }
    const field = toField(name, builder);
    // A fixed default is checked once here, so a bad default fails at definition time.
    if (field.hasDefault && typeof field.defaultValue !== 'function') {
      const issues = new IssueSink();
      if (
        field.defaultValue === undefined ||
        !field.codec.check(field.defaultValue, name, issues)
      ) {
        const reason = issues.list?.map((issue) => issue.message).join(', ') ?? 'is undefined';
        problem(`attribute '${name}' default ${reason}`);
      }
    }
    fields.push(field);
  }
  return fields;
}

function entriesOf(
  option: string,
  value: unknown,
  problem: (text: string) => void,
): [string, Record<string, unknown>][] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problem(`${option} must be an object of indexes by index name`);
    return [];
  }
  const entries: [string, Record<string, unknown>][] = [];
  for (const [name, index] of Object.entries(value)) {
    if (typeof index !== 'object' || index === null) {
      problem(`${option} '${name}' must be an object`);
      continue;
    }
    entries.push([name, index as Record<string, unknown>]);
  }
  return entries;
}

function checkTimeToLive(
  value: unknown,
  byName: Map<string, Field>,
  problem: (text: string) => void,
): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    problem(`a table has at most one timeToLive attribute, got ${value.length}`);
    return undefined;
  }
  if (typeof value !== 'string' || !byName.has(value)) {
    problem(`timeToLive '${String(value)}' is not an attribute`);
    return undefined;
  }
  const field = byName.get(value) as Field;
  if (field.codec.kind !== 'datetime' || field.codec.details?.storage !== 'epochSeconds') {
    problem(
      `timeToLive '${value}' must be attr.datetime({ storage: 'epochSeconds' }), as DynamoDB expires items by epoch seconds`,
    );
  }
  return value;
}

function checkVersion(
  value: unknown,
  byName: Map<string, Field>,
  tableKeys: Set<string | undefined>,
  problem: (text: string) => void,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !byName.has(value)) {
    problem(`version '${String(value)}' is not an attribute`);
    return undefined;
  }
  if (byName.get(value)?.codec.kind !== 'number') {
    problem(`version '${value}' must be a number attribute`);
  }
  if (tableKeys.has(value)) problem(`version '${value}' cannot be a key attribute`);
  return value;
}

function checkTimestamps(
  value: unknown,
  byName: Map<string, Field>,
  problem: (text: string) => void,
): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null) {
    problem('timestamps must be { createdAt?, updatedAt? }');
    return;
  }
  const { createdAt, updatedAt, ...rest } = value as Record<string, unknown>;
  for (const key of Object.keys(rest)) problem(`timestamps has unknown option '${key}'`);
  for (const [role, name] of [
    ['createdAt', createdAt],
    ['updatedAt', updatedAt],
  ] as const) {
    if (name === undefined) continue;
    if (typeof name !== 'string' || !byName.has(name)) {
      problem(`timestamps.${role} '${String(name)}' is not an attribute`);
    } else if (byName.get(name)?.codec.kind !== 'datetime') {
      problem(`timestamps.${role} '${name}' must be a datetime attribute`);
    }
  }
  if (createdAt !== undefined && createdAt === updatedAt) {
    problem(`timestamps.createdAt and timestamps.updatedAt are both '${String(createdAt)}'`);
  }
}
