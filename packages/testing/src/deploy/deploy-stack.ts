import { randomUUID } from 'node:crypto';
import type { IamRegistry } from '../iam/registry.js';
import type { LambdaServiceBehindDeploy } from '../services/lambda/service.js';
import type { AssemblyStack } from './cloud-assembly.js';
import { ResourceCreationError, TemplateError, UnsupportedResourceTypeError } from './errors.js';
import {
  evaluateConditions,
  type ResolveScope,
  referencedIds,
  resolveValue,
} from './intrinsics.js';
import type { ProviderContext, ResourceProvider, ResourceState } from './resources/provider.js';
import { RESOURCE_PROVIDERS } from './resources/registry.js';
import type { SandboxApi } from './sandbox-api.js';
import type { CfnResource } from './template.js';

/** One resource of a deployed stack. */
export interface DeployedResource extends ResourceState {
  readonly logicalId: string;
  readonly type: string;
  /** Whether it exists in the sandbox (`created`) or is only recorded. */
  readonly effect: 'created' | 'recorded';
  /** Its properties as resolved, to tell a change on the next deploy. */
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A stack as the sandbox deployed it. */
export interface DeployedStack {
  readonly stackName: string;
  readonly stackId: string;
  /** Resources in creation order. */
  readonly resources: readonly DeployedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
  /** What the stack exports, by export name. */
  readonly exports: ReadonlyMap<string, unknown>;
  /** The export names it imports from other stacks. */
  readonly imports: ReadonlySet<string>;
  /** What this deploy did: resources created, updated or replaced, left as they were, removed. */
  readonly changes: {
    readonly changed: number;
    readonly unchanged: number;
    readonly removed: number;
  };
}

export interface DeployStackOptions {
  readonly api: SandboxApi;
  /** Where deployed functions run. */
  readonly lambda: LambdaServiceBehindDeploy;
  /** The variables that point an SDK at the sandbox. */
  readonly sandboxEnv: Readonly<Record<string, string>>;
  /** A folder of the sandbox's own, for inline function code. */
  readonly workDir: string;
  /** Where IAM resources and functions' roles are recorded. */
  readonly iam: IamRegistry;
  readonly region: string;
  readonly accountId: string;
  /** Exports of the other deployed stacks, by export name. */
  readonly exports: ReadonlyMap<string, unknown>;
  /** The stack as deployed before, to update in place. */
  readonly previous?: DeployedStack;
}

/** CDK's bootstrap check: a parameter read from SSM and a rule on it; the sandbox is bootstrapped. */
const SSM_PARAMETER_TYPE = /^AWS::SSM::Parameter::Value<.*>$/;
const BOOTSTRAP_VERSION = '30';

/**
 * Deploys one stack: every resource in dependency order, then its outputs. An unsupported type
 * fails before anything is created; a failure while creating removes what this deploy created.
 * Deploying a stack again updates what changed, creates what is new and removes what is gone.
 */
export async function deployStack(
  stack: AssemblyStack,
  options: DeployStackOptions,
): Promise<DeployedStack> {
  const { template, stackName } = stack;
  const stackId =
    options.previous?.stackId ??
    `arn:aws:cloudformation:${options.region}:${options.accountId}:stack/${stackName}/${randomUUID()}`;
  const parameters = parameterValues(stack);
  const state = new Map<string, DeployedResource>();
  const imports = new Set<string>();
  const base: Omit<ResolveScope, 'conditions'> = {
    stackName,
    stackId,
    region: options.region,
    accountId: options.accountId,
    parameters,
    mappings: template.Mappings,
    // Which exports it reads, so that their stack cannot be destroyed while this one uses them.
    exports: {
      has: (name: string) => options.exports.has(name),
      get: (name: string) => {
        imports.add(name);
        return options.exports.get(name);
      },
    } as ReadonlyMap<string, unknown>,
    ref: (id) => state.get(id)?.physicalId,
    getAtt: (id, attribute) => state.get(id)?.attributes[attribute],
  };
  const scope: ResolveScope = {
    ...base,
    conditions: evaluateConditions(template.Conditions, base),
  };

  const resources = Object.entries(template.Resources ?? {}).filter(
    ([, resource]) => resource.Condition === undefined || conditionHolds(scope, resource),
  );
  const providers = new Map<string, ResourceProvider>();
  for (const [logicalId, resource] of resources) {
    const provider = RESOURCE_PROVIDERS[resource.Type];
    if (!provider) throw new UnsupportedResourceTypeError(stackName, logicalId, resource.Type);
    providers.set(logicalId, provider);
  }
  const order = creationOrder(
    resources,
    new Set(Object.keys(template.Resources ?? {})),
    new Set(parameters.keys()),
  );
  const previous = new Map(
    options.previous?.resources.map((resource) => [resource.logicalId, resource]),
  );
  const createdNow: DeployedResource[] = [];
  let unchanged = 0;

  for (const logicalId of order) {
    const resource = template.Resources?.[logicalId] as CfnResource;
    const provider = providers.get(logicalId) as ResourceProvider;
    const context: ProviderContext = {
      stackName,
      logicalId,
      region: options.region,
      accountId: options.accountId,
      api: options.api,
      lambda: options.lambda,
      assets: stack.assets,
      sandboxEnv: options.sandboxEnv,
      workDir: options.workDir,
      iam: options.iam,
    };
    try {
      const properties = resolveValue(
        resource.Properties ?? {},
        scope,
        `Resources.${logicalId}.Properties`,
      ) as Record<string, unknown>;
      const before = previous.get(logicalId);
      const deployed = await applyResource(provider, resource.Type, properties, context, before);
      state.set(logicalId, deployed);
      if (deployed === before) unchanged += 1;
      if (deployed !== before && !before) createdNow.push(deployed);
    } catch (error) {
      await removeAll(createdNow, providers, options, stackName);
      if (error instanceof TemplateError) throw error;
      throw new ResourceCreationError(
        stackName,
        logicalId,
        resource.Type,
        (error as Error).message,
      );
    }
  }

  // What the previous deploy had and this template no longer has goes, newest first.
  const gone = [...previous.values()]
    .filter((resource) => !state.has(resource.logicalId))
    .reverse();
  await removeAll(
    gone,
    new Map(gone.map((r) => [r.logicalId, RESOURCE_PROVIDERS[r.type] as ResourceProvider])),
    options,
    stackName,
  );

  const outputs: Record<string, unknown> = {};
  const exports = new Map<string, unknown>();
  for (const [key, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition !== undefined && !scope.conditions.get(output.Condition)) continue;
    const value = resolveValue(output.Value, scope, `Outputs.${key}.Value`);
    outputs[key] = value;
    if (output.Export) {
      exports.set(
        String(resolveValue(output.Export.Name, scope, `Outputs.${key}.Export.Name`)),
        value,
      );
    }
  }
  return {
    stackName,
    stackId,
    resources: order.map((id) => state.get(id) as DeployedResource),
    outputs,
    exports,
    imports,
    changes: { changed: order.length - unchanged, unchanged, removed: gone.length },
  };
}

async function applyResource(
  provider: ResourceProvider,
  type: string,
  properties: Record<string, unknown>,
  context: ProviderContext,
  before: DeployedResource | undefined,
): Promise<DeployedResource> {
  const record = (state: ResourceState): DeployedResource => ({
    ...state,
    logicalId: context.logicalId,
    type,
    effect: provider.effect,
    properties,
  });
  if (!before || before.type !== type) return record(await provider.create(properties, context));
  if (JSON.stringify(before.properties) === JSON.stringify(properties)) return before;
  const replaced = (provider.replaceOn ?? []).some(
    (key) => JSON.stringify(before.properties[key]) !== JSON.stringify(properties[key]),
  );
  if (!replaced && provider.update)
    return record(await provider.update(before, properties, context));
  const created = record(await provider.create(properties, context));
  await provider.delete?.(before, context);
  return created;
}

async function removeAll(
  resources: readonly DeployedResource[],
  providers: ReadonlyMap<string, ResourceProvider>,
  options: DeployStackOptions,
  stackName: string,
): Promise<void> {
  for (const resource of [...resources].reverse()) {
    await providers.get(resource.logicalId)?.delete?.(resource, {
      stackName,
      logicalId: resource.logicalId,
      region: options.region,
      accountId: options.accountId,
      api: options.api,
      lambda: options.lambda,
      assets: new Map(),
      sandboxEnv: options.sandboxEnv,
      workDir: options.workDir,
      iam: options.iam,
    });
  }
}

/** Removes every resource of a deployed stack, in the reverse order of creation. */
export async function destroyStack(
  stack: DeployedStack,
  options: Omit<DeployStackOptions, 'exports' | 'previous'>,
): Promise<void> {
  const providers = new Map(
    stack.resources.map((resource) => [
      resource.logicalId,
      RESOURCE_PROVIDERS[resource.type] as ResourceProvider,
    ]),
  );
  await removeAll(stack.resources, providers, { ...options, exports: new Map() }, stack.stackName);
}

function conditionHolds(scope: ResolveScope, resource: CfnResource): boolean {
  const value = scope.conditions.get(resource.Condition as string);
  if (value === undefined) {
    throw new TemplateError(
      'Resources',
      `no condition named ${JSON.stringify(resource.Condition)}`,
    );
  }
  return value;
}

/** Parameter values: their defaults; CDK's SSM bootstrap version reads as bootstrapped. */
function parameterValues(stack: AssemblyStack): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [name, parameter] of Object.entries(stack.template.Parameters ?? {})) {
    if (SSM_PARAMETER_TYPE.test(parameter.Type)) {
      values.set(name, BOOTSTRAP_VERSION);
    } else if (parameter.Default !== undefined) {
      values.set(
        name,
        parameter.Type.startsWith('List<') || parameter.Type === 'CommaDelimitedList'
          ? String(parameter.Default).split(',')
          : parameter.Default,
      );
    } else {
      throw new TemplateError(
        `Parameters.${name}`,
        'has no default, and the sandbox takes no parameter values',
      );
    }
  }
  return values;
}

/** Logical ids ordered so that each comes after what it refers to and what it DependsOn. */
function creationOrder(
  resources: readonly [string, CfnResource][],
  /** Every logical id of the template, those whose condition is false included. */
  templateIds: ReadonlySet<string>,
  parameters: ReadonlySet<string>,
): string[] {
  const byId = new Map(resources);
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, from: string) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      throw new TemplateError(`Resources.${id}`, `depends on itself (through ${from})`);
    }
    const resource = byId.get(id);
    // A reference to a resource left out by its condition sits in an Fn::If branch not taken.
    if (!resource && templateIds.has(id) && from !== id) return;
    if (!resource)
      throw new TemplateError(
        `Resources.${from}`,
        `refers to ${id}, which is no resource of the stack`,
      );
    state.set(id, 'visiting');
    const dependsOn = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat();
    for (const dependency of [
      ...dependsOn,
      ...referencedIds(resource.Properties ?? {}, parameters),
    ]) {
      visit(dependency, id);
    }
    state.set(id, 'done');
    order.push(id);
  };
  for (const [id] of resources) visit(id, id);
  return order;
}
