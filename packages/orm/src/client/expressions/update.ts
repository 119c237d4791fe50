import { ValidationError, type ValidationIssue } from '../../errors.js';
import { isEmptySetValue } from '../../schema/attributes/sets.js';
import { rootOf } from './attribute-path.js';
import type { ExpressionContext } from './expression-context.js';

type Keys<Item> = keyof Item & string;
type ValueKeys<Item, Exclude, Match> = {
  [K in Keys<Item>]: K extends Exclude ? never : NonNullable<Item[K]> extends Match ? K : never;
}[Keys<Item>];
type OptionalKeys<Item> = {
  [K in Keys<Item>]: undefined extends Item[K] ? K : never;
}[Keys<Item>];
type JsonPaths<Item, Exclude> = {
  [K in Keys<Item>]: K extends Exclude
    ? never
    : NonNullable<Item[K]> extends ReadonlySet<unknown> | Date | Uint8Array
      ? never
      : NonNullable<Item[K]> extends readonly unknown[] | Record<string, unknown>
        ? `${K}.${string}` | `${K}[${number}]` | `${K}[${number}].${string}`
        : never;
}[Keys<Item>];

type SetValues<Item, KeyName> = { [K in Exclude<Keys<Item>, KeyName>]?: Item[K] } & {
  [P in JsonPaths<Item, KeyName>]?: unknown;
};
type ElementOf<V> = V extends readonly (infer E)[] ? E : never;
type SetOf<V> = V extends ReadonlySet<infer E> ? ReadonlySet<E> : never;

/**
 * An update as a plain object. Key attributes (and the managed version attribute) cannot be
 * named; every name and value is aliased. Clauses:
 * - `set`: write values (`undefined` on an optional attribute, or an empty Set on a set
 *   attribute, removes it); nested paths such as
 *   `'address.city'` or `'tags[0]'` are allowed inside json/list attributes.
 * - `setIfNotExists`: write only where the attribute is absent (`if_not_exists`), e.g. defaults.
 * - `add`: atomic increment of numbers (negative to decrement) or union into sets (`ADD`).
 * - `remove`: delete optional attributes or nested paths (`REMOVE`).
 * - `append` / `prepend`: add elements at the end / start of a list (`list_append`).
 * - `delete`: take elements out of a set (`DELETE`).
 */
export interface UpdateSpec<Item, KeyName = never> {
  set?: SetValues<Item, KeyName>;
  setIfNotExists?: SetValues<Item, KeyName>;
  add?: {
    [K in ValueKeys<Item, KeyName, number | ReadonlySet<unknown>>]?: NonNullable<
      Item[K]
    > extends number
      ? number
      : SetOf<NonNullable<Item[K]>>;
  };
  remove?: readonly (Exclude<OptionalKeys<Item>, KeyName> | JsonPaths<Item, KeyName>)[];
  append?: {
    [K in ValueKeys<Item, KeyName, readonly unknown[]>]?: readonly ElementOf<
      NonNullable<Item[K]>
    >[];
  };
  prepend?: {
    [K in ValueKeys<Item, KeyName, readonly unknown[]>]?: readonly ElementOf<
      NonNullable<Item[K]>
    >[];
  };
  delete?: {
    [K in ValueKeys<Item, KeyName, ReadonlySet<unknown>>]?: SetOf<NonNullable<Item[K]>>;
  };
}

/** What the client adds to every update, beyond the caller's spec. */
export interface ManagedUpdate {
  /** Key attributes of the table: never written by an update. */
  readonly keyAttributes: readonly string[];
  /** Bumped by one on every update (optimistic locking). */
  readonly versionAttribute?: string;
  /** Set to `now` unless the spec sets it. */
  readonly updatedAtAttribute?: string;
  /** Set to `now` only when the item has none yet (`if_not_exists`), unless the spec sets it. */
  readonly createdAtAttribute?: string;
  readonly now?: Date;
}

const CLAUSES = ['set', 'setIfNotExists', 'add', 'remove', 'append', 'prepend', 'delete'] as const;

/** Compiles an update spec into an UpdateExpression, registering names and values in `context`. */
export function compileUpdate(
  context: ExpressionContext,
  spec: unknown,
  managed: ManagedUpdate,
): string {
  const { definition } = context;
  const issues: ValidationIssue[] = [];
  const issue = (path: string, rule: string, message: string) =>
    issues.push({ path, rule, message });
  if (typeof spec !== 'object' || spec === null) {
    throw new ValidationError(
      [{ path: 'update', rule: 'object', message: 'an update is an object' }],
      context.table,
    );
  }
  for (const clause of Object.keys(spec)) {
    if (!(CLAUSES as readonly string[]).includes(clause)) {
      issue(clause, 'clause', `unknown update clause; use ${CLAUSES.join(', ')}`);
    }
  }
  const clauses = spec as Partial<Record<(typeof CLAUSES)[number], unknown>>;
  const sets: string[] = [];
  const removes: string[] = [];
  const adds: string[] = [];
  const deletes: string[] = [];
  const touched = new Set<string>();
  const targets: { clause: string; path: string }[] = [];

  /** Checks a path may be written; returns its placeholder text or undefined on an issue. */
  const target = (clause: string, path: string): string | undefined => {
    const root = rootOf(path);
    const where = `${clause}.${path}`;
    if (managed.keyAttributes.includes(root)) {
      issue(where, 'key-attribute', `"${root}" is a key attribute and cannot be updated`);
      return undefined;
    }
    if (root === managed.versionAttribute) {
      issue(where, 'version-attribute', `"${root}" is the version attribute; the client bumps it`);
      return undefined;
    }
    if (!(root in definition.attributes)) {
      issue(where, 'attribute', `"${root}" is not an attribute of ${definition.name}`);
      return undefined;
    }
    touched.add(root);
    const overlapping = targets.find((earlier) => overlaps(earlier.path, path));
    if (overlapping) {
      issue(
        where,
        'overlap',
        `"${path}" overlaps "${overlapping.path}" (${overlapping.clause}); DynamoDB allows one action per path`,
      );
      return undefined;
    }
    targets.push({ clause, path });
    return context.path(path);
  };
  /**
   * `rules: false` for changes (elements added to or taken from a set, appended to a list): the
   * attribute's rules constrain the value it ends up with, not the change.
   */
  const isSetAttribute = (path: string) =>
    definition.attributes[path]?.kind.endsWith('Set') === true;
  const marshal = (
    where: string,
    path: string,
    value: unknown,
    rules = true,
  ): string | undefined => {
    try {
      return context.value(definition.toValue(path, value, { rules }));
    } catch (error) {
      if (error instanceof ValidationError) {
        for (const inner of error.issues) issue(`${where}`, inner.rule, inner.message);
        return undefined;
      }
      throw error;
    }
  };
  const entries = (clause: (typeof CLAUSES)[number]): [string, unknown][] => {
    const value = clauses[clause];
    if (value === undefined) return [];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issue(clause, 'object', `"${clause}" takes an object of attribute → value`);
      return [];
    }
    return Object.entries(value);
  };

  for (const clause of ['set', 'setIfNotExists'] as const) {
    for (const [path, value] of entries(clause)) {
      const emptySet = isEmptySetValue(value) && path === rootOf(path) && isSetAttribute(path);
      // Nothing to write where absent: skipped before its name is registered, as DynamoDB
      // refuses a name the expression does not use.
      if (clause === 'setIfNotExists' && (value === undefined || emptySet)) continue;
      const name = target(clause, path);
      if (!name) continue;
      if (emptySet) {
        // DynamoDB cannot store an empty set, and an absent set reads as an empty one: setting
        // one removes the attribute (required or not).
        removes.push(name);
        continue;
      }
      if (value === undefined) {
        if (path === rootOf(path) && !definition.attributes[path]?.optional) {
          issue(`set.${path}`, 'required', `"${path}" is required and cannot be removed`);
        } else removes.push(name);
        continue;
      }
      const placeholder = marshal(`${clause}.${path}`, path, value);
      if (!placeholder) continue;
      sets.push(
        clause === 'set'
          ? `${name} = ${placeholder}`
          : `${name} = if_not_exists(${name}, ${placeholder})`,
      );
    }
  }
  for (const [path, value] of entries('add')) {
    // Adding nothing (or no elements: DynamoDB refuses an empty set) changes nothing.
    if (value === undefined || isEmptySetValue(value)) continue;
    const name = target('add', path);
    if (!name) continue;
    const kind = definition.attributes[path]?.kind;
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || (kind !== undefined && kind !== 'number')) {
        issue(
          `add.${path}`,
          'add',
          'add takes a finite number on a number attribute, or a set on a set attribute',
        );
        continue;
      }
      adds.push(`${name} ${context.value({ N: String(value) })}`);
    } else if (value instanceof Set && (kind === undefined || kind.endsWith('Set'))) {
      const placeholder = marshal(`add.${path}`, path, value, false);
      if (placeholder) adds.push(`${name} ${placeholder}`);
    } else {
      issue(
        `add.${path}`,
        'add',
        'add takes a number on a number attribute, or a set on a set attribute',
      );
    }
  }
  for (const [path, value] of entries('delete')) {
    if (value === undefined || isEmptySetValue(value)) continue; // takes out nothing
    const name = target('delete', path);
    if (!name) continue;
    const kind = definition.attributes[path]?.kind;
    if (!(value instanceof Set) || (kind !== undefined && !kind.endsWith('Set'))) {
      issue(
        `delete.${path}`,
        'delete',
        'delete takes a set of elements to take out of a set attribute',
      );
      continue;
    }
    const placeholder = marshal(`delete.${path}`, path, value, false);
    if (placeholder) deletes.push(`${name} ${placeholder}`);
  }
  for (const clause of ['append', 'prepend'] as const) {
    for (const [path, value] of entries(clause)) {
      if (value === undefined) continue;
      const name = target(clause, path);
      if (!name) continue;
      if (!Array.isArray(value)) {
        issue(
          `${clause}.${path}`,
          clause,
          `${clause} takes an array of elements for a list attribute`,
        );
        continue;
      }
      const placeholder = marshal(`${clause}.${path}`, path, value, false);
      if (!placeholder) continue;
      const empty = context.value({ L: [] });
      const current = `if_not_exists(${name}, ${empty})`;
      sets.push(
        clause === 'append'
          ? `${name} = list_append(${current}, ${placeholder})`
          : `${name} = list_append(${placeholder}, ${current})`,
      );
    }
  }
  const remove = clauses.remove;
  if (remove !== undefined) {
    if (!Array.isArray(remove))
      issue('remove', 'array', '"remove" takes an array of attribute paths');
    else {
      for (const path of remove) {
        if (typeof path !== 'string') {
          issue('remove', 'path', 'remove takes attribute names or paths');
          continue;
        }
        const name = target('remove', path);
        if (!name) continue;
        if (path === rootOf(path) && !definition.attributes[path]?.optional) {
          issue(`remove.${path}`, 'required', `"${path}" is required and cannot be removed`);
          continue;
        }
        removes.push(name);
      }
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, context.table);

  if (managed.versionAttribute) {
    adds.push(`${context.name(managed.versionAttribute)} ${context.value({ N: '1' })}`);
  }
  const now = managed.now ?? new Date();
  const updatedAt = managed.updatedAtAttribute;
  if (updatedAt && !touched.has(updatedAt)) {
    sets.push(`${context.name(updatedAt)} = ${context.value(definition.toValue(updatedAt, now))}`);
  }
  const createdAt = managed.createdAtAttribute;
  if (createdAt && createdAt !== updatedAt && !touched.has(createdAt)) {
    const name = context.name(createdAt);
    sets.push(
      `${name} = if_not_exists(${name}, ${context.value(definition.toValue(createdAt, now))})`,
    );
  }
  const expression = [
    sets.length > 0 ? `SET ${sets.join(', ')}` : '',
    removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
    adds.length > 0 ? `ADD ${adds.join(', ')}` : '',
    deletes.length > 0 ? `DELETE ${deletes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (!expression) {
    throw new ValidationError(
      [{ path: 'update', rule: 'non-empty', message: 'the update changes nothing' }],
      context.table,
    );
  }
  return expression;
}

/** Two document paths overlap when one is the other or lies inside it (`a` and `a.b`, `l` and `l[0]`). */
function overlaps(a: string, b: string): boolean {
  const inside = (outer: string, inner: string) =>
    inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return inside(a, b) || inside(b, a);
}

/**
 * The attributes an update writes whole when it creates the item (DynamoDB's upsert): root paths
 * given a value by `set`/`setIfNotExists`, and those `add`, `append` or `prepend` start from
 * nothing. A nested path (`address.city`) cannot create its parent.
 */
export function attributesCreatedBy(spec: unknown): Set<string> {
  const created = new Set<string>();
  if (typeof spec !== 'object' || spec === null) return created;
  const clauses = spec as Partial<Record<(typeof CLAUSES)[number], unknown>>;
  for (const clause of ['set', 'setIfNotExists', 'add', 'append', 'prepend'] as const) {
    const values = clauses[clause];
    if (typeof values !== 'object' || values === null) continue;
    for (const [path, value] of Object.entries(values)) {
      if (path === rootOf(path) && value !== undefined && !isEmptySetValue(value)) {
        created.add(path);
      }
    }
  }
  return created;
}
