import { InvalidDefinitionError } from '../errors.js';
import { AttributeBuilder } from './attribute.js';
import { showValue } from './codec.js';
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

const KNOWN_PROPS = [
  'name',
  'attributes',
  'partitionKey',
  'sortKey',
  'globalSecondaryIndexes',
  'localSecondaryIndexes',
  'timeToLive',
  'version',
  'timestamps',
];

/** DynamoDB's rule for index names, which are used as they are. */
const INDEX_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
/**
 * The logical table name only becomes part of the physical one (`<app>-<deployment>-<name>`,
 * see resource discovery), so it may be short (`'kv'`); DynamoDB (or the CDK) checks the
 * physical name's full rule, 3–255 characters, when the table is created.
 */
const LOGICAL_TABLE_NAME = /^[a-zA-Z0-9_.-]{1,255}$/;
/** DynamoDB allows at most 5 local secondary indexes per table. */
const MAX_LOCAL_INDEXES = 5;

type Index = Record<string, unknown>;

/** A name as messages show it: `'email'`, or whatever non-string was given instead. */
const quoted = (name: unknown): string =>
  typeof name === 'string' ? `'${name}'` : showValue(name);

/**
 * Checks a whole definition, collecting every problem, and builds its `TableSchema` and fields.
 * Throws one `InvalidDefinitionError` listing every problem.
 */
export function checkDefinition(props: RuntimeProps): { schema: TableSchema; fields: Field[] } {
  const problems: string[] = [];
  const problem = (text: string): undefined => {
    problems.push(text);
  };
  const checkName = (role: string, name: unknown, rule = INDEX_NAME, lengths = '3-255') => {
    if (typeof name !== 'string' || !rule.test(name)) {
      problem(
        `${role} ${showValue(name)} must be ${lengths} characters of a-z, A-Z, 0-9, '_', '-', '.'`,
      );
    }
  };

  for (const key in props) if (!KNOWN_PROPS.includes(key)) problem(`unknown option '${key}'`);
  checkName('name', props.name, LOGICAL_TABLE_NAME, '1-255');
  const fields = checkAttributes(props.attributes, problem);
  const byName = new Map(fields.map((field) => [field.name, field]));

  /** The attribute a role names, or a problem saying it is none. */
  const attributeFor = (role: string, name: unknown): Field | undefined =>
    byName.get(name as string) ?? problem(`${role} ${quoted(name)} is not an attribute`);

  /** A key attribute: a scalar kind; a table's own keys must also be required. */
  const keyOf = (role: string, name: unknown, primary: boolean): KeyAttribute | undefined => {
    const field = attributeFor(role, name);
    if (!field) return undefined;
    const type = field.codec.keyType;
    if (!type) {
      return problem(
        `${role} '${field.name}' is a ${field.codec.kind} attribute, but keys must be string, ` +
          'number, single-type literal, compositeString or datetime attributes',
      );
    }
    if (primary && field.optional) {
      problem(`${role} '${field.name}' is optional, but every item needs its primary key`);
    }
    return { name: field.name, type };
  };

  const partitionKey = keyOf('partitionKey', props.partitionKey, true);
  const sortKey = props.sortKey === undefined ? undefined : keyOf('sortKey', props.sortKey, true);
  if (sortKey && sortKey.name === partitionKey?.name) {
    problem(`sortKey '${sortKey.name}' is also the partitionKey`);
  }
  const tableKeys = [partitionKey?.name, sortKey?.name];

  const projectionOf = (index: string, value: unknown, keys: unknown[]): Projection => {
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
      if (!byName.has(name)) {
        problem(`index '${index}' projects ${quoted(name)}, which is not an attribute`);
      } else if (keys.includes(name)) {
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

  const indexNames = new Set<string>();
  /** The indexes of one option, by name; each name checked and unique across both options. */
  const indexesOf = (option: string, kind: string, value: unknown): [string, string, Index][] => {
    if (value === undefined) return [];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return problem(`${option} must be an object of indexes by index name`) ?? [];
    }
    return Object.entries(value).flatMap(([name, index]): [string, string, Index][] => {
      checkName(`${kind} name`, name);
      if (indexNames.has(name)) problem(`index name '${name}' is used twice`);
      indexNames.add(name);
      if (typeof index !== 'object' || index === null) {
        return problem(`${option} '${name}' must be an object`) ?? [];
      }
      return [[name, `${kind} '${name}'`, index as Index]];
    });
  };

  const globalSecondaryIndexes: GlobalSecondaryIndexSchema[] = [];
  const globals = indexesOf(
    'globalSecondaryIndexes',
    'global secondary index',
    props.globalSecondaryIndexes,
  );
  for (const [indexName, role, index] of globals) {
    // Index keys may be optional: items without them are left out (a sparse index).
    const pk = keyOf(`${role} partitionKey`, index.partitionKey, false);
    const sk =
      index.sortKey === undefined ? undefined : keyOf(`${role} sortKey`, index.sortKey, false);
    if (sk && sk.name === pk?.name) problem(`${role} uses '${sk.name}' as both keys`);
    const projection = projectionOf(indexName, index.projection, [
      ...tableKeys,
      pk?.name,
      sk?.name,
    ]);
    if (pk)
      globalSecondaryIndexes.push({
        indexName,
        partitionKey: pk,
        ...(sk && { sortKey: sk }),
        projection,
      });
  }

  const localSecondaryIndexes: LocalSecondaryIndexSchema[] = [];
  const locals = indexesOf(
    'localSecondaryIndexes',
    'local secondary index',
    props.localSecondaryIndexes,
  );
  if (locals.length > 0 && !sortKey)
    problem('local secondary indexes need the table to have a sortKey');
  if (locals.length > MAX_LOCAL_INDEXES) {
    problem(
      `a table can have at most ${MAX_LOCAL_INDEXES} local secondary indexes, got ${locals.length}`,
    );
  }
  for (const [indexName, role, index] of locals) {
    const sk = keyOf(`${role} sortKey`, index.sortKey, false);
    if (sk && tableKeys.includes(sk.name)) {
      problem(`${role} sortKey '${sk.name}' must differ from the table's keys`);
    }
    const projection = projectionOf(indexName, index.projection, [...tableKeys, sk?.name]);
    if (sk) localSecondaryIndexes.push({ indexName, sortKey: sk, projection });
  }

  const { timeToLive, version, timestamps } = props;
  if (Array.isArray(timeToLive)) {
    problem(`a table has at most one timeToLive attribute, got ${timeToLive.length}`);
  } else if (timeToLive !== undefined) {
    const codec = attributeFor('timeToLive', timeToLive)?.codec;
    if (codec && codec.details?.storage !== 'epochSeconds') {
      problem(
        `timeToLive '${timeToLive}' must be attr.datetime({ storage: 'epochSeconds' }), as DynamoDB expires items by epoch seconds`,
      );
    }
  }
  if (version !== undefined) {
    const field = attributeFor('version', version);
    if (field && field.codec.kind !== 'number')
      problem(`version '${version}' must be a number attribute`);
    if (field && tableKeys.includes(field.name))
      problem(`version '${version}' cannot be a key attribute`);
  }
  if (timestamps !== undefined) {
    if (typeof timestamps !== 'object' || timestamps === null) {
      problem('timestamps must be { createdAt?, updatedAt? }');
    } else {
      const { createdAt, updatedAt, ...rest } = timestamps as Index;
      for (const key in rest) problem(`timestamps has unknown option '${key}'`);
      for (const [role, name] of Object.entries({ createdAt, updatedAt })) {
        const field = name === undefined ? undefined : attributeFor(`timestamps.${role}`, name);
        if (field && field.codec.kind !== 'datetime') {
          problem(`timestamps.${role} '${field.name}' must be a datetime attribute`);
        }
      }
      if (createdAt !== undefined && createdAt === updatedAt) {
        problem(`timestamps.createdAt and timestamps.updatedAt are both ${quoted(createdAt)}`);
      }
    }
  }

  if (problems.length > 0) {
    const label = typeof props.name === 'string' ? props.name : '(unnamed table)';
    throw new InvalidDefinitionError(`table '${label}': ${problems.join('; ')}`);
  }
  const schema: TableSchema = {
    name: props.name as string,
    partitionKey: partitionKey as KeyAttribute,
    ...(sortKey && { sortKey }),
    globalSecondaryIndexes,
    localSecondaryIndexes,
    ...(timeToLive !== undefined && { timeToLiveAttribute: timeToLive as string }),
    ...(version !== undefined && { versionAttribute: version as string }),
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
