import type { IamRegistry } from '../../iam/registry.js';
import type { LambdaServiceBehindDeploy } from '../../services/lambda/service.js';
import type { AssemblyAsset } from '../cloud-assembly.js';
import type { SandboxApi } from '../sandbox-api.js';

/** A resource as created: what `Ref` and `Fn::GetAtt` return for it. */
export interface ResourceState {
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** What a provider knows of the stack it creates a resource in. */
export interface ProviderContext {
  readonly stackName: string;
  readonly logicalId: string;
  readonly region: string;
  readonly accountId: string;
  readonly api: SandboxApi;
  /** Where deployed functions run. */
  readonly lambda: LambdaServiceBehindDeploy;
  /** The stack's file assets, by the S3 key its template names. */
  readonly assets: ReadonlyMap<string, AssemblyAsset>;
  /** The variables that point an SDK at the sandbox (endpoints, region, credentials). */
  readonly sandboxEnv: Readonly<Record<string, string>>;
  /** A folder of the sandbox's own for inline function code; removed when it stops. */
  readonly workDir: string;
  /** What the templates say about IAM: roles, policies, the role each function runs as. */
  readonly iam: IamRegistry;
}

/** Creates, updates and deletes one resource type in the sandbox. */
export interface ResourceProvider {
  /** `created`: it exists in the sandbox; `recorded`: kept in the stack only, no local effect. */
  readonly effect: 'created' | 'recorded';
  /** Properties whose change replaces the resource (a new one, then the old one deleted). */
  readonly replaceOn?: readonly string[];
  create(
    properties: Readonly<Record<string, unknown>>,
    context: ProviderContext,
  ): Promise<ResourceState>;
  /** Applies changed properties in place; without it, a changed resource is replaced. */
  update?(
    previous: ResourceState,
    properties: Readonly<Record<string, unknown>>,
    context: ProviderContext,
  ): Promise<ResourceState>;
  delete?(state: ResourceState, context: ProviderContext): Promise<void>;
}

/**
 * The physical name CloudFormation gives a resource its template does not name:
 * `{stack}-{logicalId}-{random}`, cut to `maxLength`.
 */
export function generatedName(context: ProviderContext, maxLength: number, suffix = ''): string {
  const random = Math.random().toString(36).slice(2, 14).toUpperCase().padEnd(12, '0');
  const base = `${context.stackName}-${context.logicalId}`.slice(
    0,
    maxLength - random.length - 1 - suffix.length,
  );
  return `${base}-${random}${suffix}`;
}

export function optionalString(
  properties: Readonly<Record<string, unknown>>,
  key: string,
): string | undefined {
  const value = properties[key];
  return value === undefined ? undefined : String(value);
}

/** CloudFormation `Tags` (`[{ Key, Value }]`) as a map. */
export function tagMap(tags: unknown): Record<string, string> {
  if (!Array.isArray(tags)) return {};
  return Object.fromEntries(
    tags
      .filter(
        (tag): tag is { Key: unknown; Value: unknown } => typeof tag === 'object' && tag !== null,
      )
      .map((tag) => [String(tag.Key), String(tag.Value)]),
  );
}
