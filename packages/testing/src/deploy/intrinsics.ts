import { TemplateError } from './errors.js';
import type { CfnTemplate } from './template.js';

/** What `AWS::NoValue` resolves to: the property or list element is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** What the intrinsic functions of one stack can see. */
export interface ResolveScope {
  readonly stackName: string;
  readonly stackId: string;
  readonly region: string;
  readonly accountId: string;
  /** Parameter values, defaults applied. */
  readonly parameters: ReadonlyMap<string, unknown>;
  /** Evaluated conditions. */
  readonly conditions: ReadonlyMap<string, boolean>;
  readonly mappings: CfnTemplate['Mappings'];
  /** Exports of the stacks deployed so far, by export name. */
  readonly exports: ReadonlyMap<string, unknown>;
  /** The `Ref` of a resource already created, or undefined. */
  ref(logicalId: string): unknown;
  /** An attribute of a resource already created, or undefined. */
  getAtt(logicalId: string, attribute: string): unknown;
}

const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::URLSuffix',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::NoValue',
  'AWS::NotificationARNs',
] as const;

function pseudoParameter(name: string, scope: ResolveScope): unknown {
  switch (name) {
    case 'AWS::AccountId':
      return scope.accountId;
    case 'AWS::Region':
      return scope.region;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return scope.stackName;
    case 'AWS::StackId':
      return scope.stackId;
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::NotificationARNs':
      return [];
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The one key of an intrinsic function object (`{ "Fn::Join": … }`), if `value` is one. */
function intrinsicName(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys as [string];
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/**
 * Resolves every intrinsic function in `value`, as CloudFormation does when it creates a
 * resource. `path` names where the value sits, for errors (`Resources.Queue.Properties`).
 */
export function resolveValue(value: unknown, scope: ResolveScope, path: string): unknown {
  if (Array.isArray(value)) {
    return value
      .map((element, index) => resolveValue(element, scope, `${path}[${index}]`))
      .filter((element) => element !== NO_VALUE);
  }
  if (!isRecord(value)) return value;
  const name = intrinsicName(value);
  if (name === undefined || name === 'Condition') {
    const resolved: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const result = resolveValue(child, scope, `${path}.${key}`);
      if (result !== NO_VALUE) resolved[key] = result;
    }
    return resolved;
  }
  return resolveFunction(name, value[name], scope, `${path}.${name}`);
}

function resolveFunction(
  name: string,
  argument: unknown,
  scope: ResolveScope,
  path: string,
): unknown {
  switch (name) {
    case 'Ref':
      return resolveRef(
        expectString(argument, path, 'a logical id or parameter name'),
        scope,
        path,
      );
    case 'Fn::GetAtt':
      return resolveGetAtt(argument, scope, path);
    case 'Fn::Join': {
      const [delimiter, list] = expectTuple(resolveValue(argument, scope, path), 2, path);
      const parts = expectList(list, path);
      return parts
        .map((part, index) => expectString(part, `${path}[1][${index}]`, 'a string'))
        .join(expectString(delimiter, `${path}[0]`, 'a delimiter string'));
    }
    case 'Fn::Sub':
      return resolveSub(argument, scope, path);
    case 'Fn::Select': {
      const [index, list] = expectTuple(resolveValue(argument, scope, path), 2, path);
      const elements = expectList(list, path);
      const position = Number(index);
      if (!Number.isInteger(position) || position < 0 || position >= elements.length) {
        throw new TemplateError(
          path,
          `index ${JSON.stringify(index)} is outside a list of ${elements.length}`,
        );
      }
      return elements[position];
    }
    case 'Fn::Split': {
      const [delimiter, text] = expectTuple(resolveValue(argument, scope, path), 2, path);
      return expectString(text, `${path}[1]`, 'a string').split(
        expectString(delimiter, `${path}[0]`, 'a delimiter string'),
      );
    }
    case 'Fn::ImportValue': {
      const exportName = expectString(resolveValue(argument, scope, path), path, 'an export name');
      if (!scope.exports.has(exportName)) {
        throw new TemplateError(path, `no deployed stack exports ${JSON.stringify(exportName)}`);
      }
      return scope.exports.get(exportName);
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = expectTuple(argument, 3, path);
      const chosen = conditionValue(
        expectString(condition, `${path}[0]`, 'a condition name'),
        scope,
        path,
      )
        ? whenTrue
        : whenFalse;
      return resolveValue(chosen, scope, path);
    }
    case 'Fn::FindInMap': {
      const [map, top, second] = expectTuple(resolveValue(argument, scope, path), 3, path);
      const found = scope.mappings?.[String(map)]?.[String(top)]?.[String(second)];
      if (found === undefined) {
        throw new TemplateError(
          path,
          `Mappings has no ${[map, top, second].map(String).join('.')}`,
        );
      }
      return found;
    }
    case 'Fn::Base64':
      return Buffer.from(
        expectString(resolveValue(argument, scope, path), path, 'a string'),
      ).toString('base64');
    case 'Fn::GetAZs':
      return ['a', 'b', 'c'].map((zone) => `${scope.region}${zone}`);
    case 'Fn::Equals':
    case 'Fn::Not':
    case 'Fn::And':
    case 'Fn::Or':
      return evaluateCondition({ [name]: argument }, scope, path);
    default:
      throw new TemplateError(
        path,
        `the intrinsic function ${name} is not supported by the sandbox`,
      );
  }
}

function resolveRef(target: string, scope: ResolveScope, path: string): unknown {
  if ((PSEUDO_PARAMETERS as readonly string[]).includes(target))
    return pseudoParameter(target, scope);
  if (scope.parameters.has(target)) return scope.parameters.get(target);
  const ref = scope.ref(target);
  if (ref === undefined) {
    throw new TemplateError(
      path,
      `Ref to ${JSON.stringify(target)}, which is no parameter and no resource created before it`,
    );
  }
  return ref;
}

function resolveGetAtt(argument: unknown, scope: ResolveScope, path: string): unknown {
  const [logicalId, attribute] =
    typeof argument === 'string'
      ? splitOnce(argument, '.', path)
      : (expectTuple(resolveValue(argument, scope, path), 2, path) as [unknown, unknown]);
  const id = expectString(logicalId, path, 'a logical id');
  const name = expectString(attribute, path, 'an attribute name');
  const value = scope.getAtt(id, name);
  if (value === undefined) {
    throw new TemplateError(path, `${id} has no attribute ${name} (or is not created before it)`);
  }
  return value;
}

function splitOnce(text: string, separator: string, path: string): [string, string] {
  const at = text.indexOf(separator);
  if (at <= 0)
    throw new TemplateError(path, `expected "LogicalId.Attribute", got ${JSON.stringify(text)}`);
  return [text.slice(0, at), text.slice(at + 1)];
}

const SUB_VARIABLE = /\$\{([^}]*)\}/g;

function resolveSub(argument: unknown, scope: ResolveScope, path: string): string {
  const [template, variables] =
    typeof argument === 'string'
      ? [argument, {}]
      : (expectTuple(argument, 2, path) as [unknown, unknown]);
  const text = expectString(template, path, 'a template string');
  if (!isRecord(variables))
    throw new TemplateError(path, 'the variables of Fn::Sub must be an object');
  const resolvedVariables = new Map(
    Object.entries(variables).map(([name, value]) => [
      name,
      resolveValue(value, scope, `${path}.${name}`),
    ]),
  );
  return text.replace(SUB_VARIABLE, (whole, expression: string) => {
    // `${!Literal}` is written out as `${Literal}`.
    if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
    const name = expression.trim();
    const value = resolvedVariables.has(name)
      ? resolvedVariables.get(name)
      : name.includes('.') && !name.startsWith('AWS::')
        ? resolveGetAtt(name, scope, path)
        : resolveRef(name, scope, path);
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TemplateError(path, `${whole} is not a string (got ${describe(value)})`);
    }
    return String(value);
  });
}

/** Whether the named condition holds; conditions are evaluated before any resource. */
function conditionValue(name: string, scope: ResolveScope, path: string): boolean {
  const value = scope.conditions.get(name);
  if (value === undefined)
    throw new TemplateError(path, `no condition named ${JSON.stringify(name)}`);
  return value;
}

/** Evaluates one condition expression (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`). */
export function evaluateCondition(expression: unknown, scope: ResolveScope, path: string): boolean {
  if (!isRecord(expression)) {
    throw new TemplateError(
      path,
      `a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition`,
    );
  }
  const name = intrinsicName(expression);
  const argument = name === undefined ? undefined : expression[name];
  const at = `${path}.${name}`;
  switch (name) {
    case 'Condition':
      return conditionValue(expectString(argument, at, 'a condition name'), scope, at);
    case 'Fn::Equals': {
      const [left, right] = expectTuple(resolveValue(argument, scope, at), 2, at);
      return JSON.stringify(left) === JSON.stringify(right);
    }
    case 'Fn::Not': {
      const [inner] = expectTuple(argument, 1, at);
      return !evaluateCondition(inner, scope, `${at}[0]`);
    }
    case 'Fn::And':
    case 'Fn::Or': {
      const operands = expectList(argument, at);
      if (operands.length < 2 || operands.length > 10) {
        throw new TemplateError(at, `takes 2 to 10 conditions, got ${operands.length}`);
      }
      const values = operands.map((operand, index) =>
        evaluateCondition(operand, scope, `${at}[${index}]`),
      );
      return name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
    }
    default:
      return Boolean(resolveValue(expression, scope, path));
  }
}

/**
 * Evaluates the template's Conditions, each once, following `{ "Condition": … }` references to
 * the others in any order; a cycle is an error.
 */
export function evaluateConditions(
  conditions: CfnTemplate['Conditions'],
  scope: Omit<ResolveScope, 'conditions'>,
): Map<string, boolean> {
  const expressions = new Map(Object.entries(conditions ?? {}));
  const values = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const evaluate = (name: string): boolean => {
    const known = values.get(name);
    if (known !== undefined) return known;
    if (!expressions.has(name))
      throw new TemplateError('Conditions', `no condition named ${JSON.stringify(name)}`);
    if (evaluating.has(name))
      throw new TemplateError(`Conditions.${name}`, 'refers to itself through other conditions');
    evaluating.add(name);
    const lazy: ReadonlyMap<string, boolean> = {
      get: (other: string) => evaluate(other),
      has: (other: string) => expressions.has(other),
    } as ReadonlyMap<string, boolean>;
    const value = evaluateCondition(
      expressions.get(name),
      { ...scope, conditions: lazy },
      `Conditions.${name}`,
    );
    evaluating.delete(name);
    values.set(name, value);
    return value;
  };
  for (const name of expressions.keys()) evaluate(name);
  return values;
}

/**
 * The logical ids `value` refers to through Ref, Fn::GetAtt and Fn::Sub, excluding parameters and
 * pseudo parameters: the resources that must exist before it can be resolved.
 */
export function referencedIds(value: unknown, parameters: ReadonlySet<string>): Set<string> {
  const ids = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isRecord(node)) return;
    const name = intrinsicName(node);
    const argument = name === undefined ? undefined : node[name];
    if (name === 'Ref' && typeof argument === 'string') {
      if (!argument.startsWith('AWS::') && !parameters.has(argument)) ids.add(argument);
      return;
    }
    if (name === 'Fn::GetAtt') {
      const target =
        typeof argument === 'string'
          ? argument.split('.')[0]
          : Array.isArray(argument)
            ? argument[0]
            : undefined;
      if (typeof target === 'string') ids.add(target);
      return;
    }
    if (name === 'Fn::Sub') {
      const [template, variables] =
        typeof argument === 'string' ? [argument, {}] : Array.isArray(argument) ? argument : [];
      const local = isRecord(variables) ? new Set(Object.keys(variables)) : new Set<string>();
      if (typeof template === 'string') {
        for (const [, expression = ''] of template.matchAll(SUB_VARIABLE)) {
          const id = expression.trim().split('.')[0] ?? '';
          if (
            expression.startsWith('!') ||
            id.startsWith('AWS::') ||
            local.has(id) ||
            parameters.has(id)
          )
            continue;
          ids.add(id);
        }
      }
      visit(variables);
      return;
    }
    Object.values(node).forEach(visit);
  };
  visit(value);
  return ids;
}

function expectString(value: unknown, path: string, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new TemplateError(path, `expected ${what}, got ${describe(value)}`);
}

function expectList(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value))
    throw new TemplateError(path, `expected a list, got ${describe(value)}`);
  return value;
}

function expectTuple(value: unknown, length: number, path: string): unknown[] {
  const list = expectList(value, path);
  if (list.length !== length) {
    throw new TemplateError(path, `expected a list of ${length}, got ${list.length} element(s)`);
  }
  return list;
}

function describe(value: unknown): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
