import type { IamRegistry } from '../iam/registry.js';
import type { LambdaServiceBehindDeploy } from '../services/lambda/service.js';
import { readCloudAssembly, selectStacks } from './cloud-assembly.js';
import { type DeployedStack, deployStack, destroyStack } from './deploy-stack.js';
import { InvalidCloudAssemblyError, StackInUseError } from './errors.js';
import type { SandboxApi } from './sandbox-api.js';

/** Options of `sandbox.deploy()`. */
export interface DeployOptions {
  /**
   * The stacks to deploy, by stack name or artifact id; the stacks they depend on are deployed
   * first. Default: every stack of the assembly.
   */
  readonly stacks?: readonly string[];
  /** Called as each stack starts deploying and once it is deployed, for progress lines. */
  readonly onStack?: (progress: StackProgress) => void;
}

/** One step of a deploy, as `onStack` receives it. */
export type StackProgress =
  | { readonly stackName: string; readonly phase: 'deploying' }
  | {
      readonly stackName: string;
      readonly phase: 'deployed';
      /** Resources created in the sandbox, and recorded without a local effect. */
      readonly created: number;
      readonly recorded: number;
      /**
       * What this deploy did to them: created, updated or replaced (`changed`), left as they were
       * (`unchanged`, all but the changes of a redeploy), and removed from the stack.
       */
      readonly changed: number;
      readonly unchanged: number;
      readonly removed: number;
      /** Milliseconds the stack took. */
      readonly durationMs: number;
    };

/** One resource of a deployed stack, as `sandbox.deploy()` reports it. */
export interface DeployedResourceSummary {
  readonly logicalId: string;
  readonly type: string;
  /** What `Ref` returns: a table name, a queue URL, a rule name… */
  readonly physicalId: string;
}

/** A deployed stack, as `sandbox.deploy()` reports it. */
export interface DeployedStackSummary {
  readonly stackName: string;
  readonly stackId: string;
  /** Resources that exist in the sandbox, in creation order. */
  readonly resources: readonly DeployedResourceSummary[];
}

/** A resource recorded without a local effect (IAM, log groups, keys, topics, alarms, metadata). */
export interface SkippedResource extends DeployedResourceSummary {
  readonly stackName: string;
}

/** What `sandbox.deploy()` did. */
export interface DeployResult {
  /** The deployed stacks, in deployment order. */
  readonly stacks: readonly DeployedStackSummary[];
  /** Every stack's outputs: by stack name, then output key. */
  readonly outputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The resources recorded without a local effect. */
  readonly skipped: readonly SkippedResource[];
  /** One line: what was created and what was only recorded, counted by type. */
  readonly summary: string;
  /**
   * What the sandbox's IAM could not take as the template says (an AWS managed policy whose
   * actions it does not know, a role no stack defines); each is also printed once.
   */
  readonly warnings: readonly string[];
}

/** Deploys cloud assemblies into one sandbox and remembers what it deployed. */
export interface Deployer {
  deploy(cloudAssembly: string, options?: DeployOptions): Promise<DeployResult>;
  destroy(stackName: string): Promise<void>;
}

/** Where the deployer creates what it deploys. */
export interface DeployTarget {
  readonly api: SandboxApi;
  readonly lambda: LambdaServiceBehindDeploy;
  readonly region: string;
  readonly accountId: string;
  readonly sandboxEnv: Readonly<Record<string, string>>;
  readonly workDir: string;
  readonly iam: IamRegistry;
  /** Prints a deploy warning. Default: stderr. */
  readonly warn?: (line: string) => void;
}

export function createDeployer(target: DeployTarget): Deployer {
  const deployed = new Map<string, DeployedStack>();
  const allExports = () => {
    const exports = new Map<string, unknown>();
    for (const stack of deployed.values())
      for (const [name, value] of stack.exports) exports.set(name, value);
    return exports;
  };
  // One deploy or destroy at a time: a second waits for the first.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(action: () => Promise<T>): Promise<T> => {
    const result = queue.then(action, action);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    deploy: (cloudAssembly, options = {}) =>
      serialized(async () => {
        const stacks = selectStacks(
          cloudAssembly,
          readCloudAssembly(cloudAssembly),
          options.stacks,
        );
        const done: DeployedStack[] = [];
        for (const stack of stacks) {
          const started = Date.now();
          options.onStack?.({ stackName: stack.stackName, phase: 'deploying' });
          const result = await deployStack(stack, {
            ...target,
            exports: allExports(),
            previous: deployed.get(stack.stackName),
          });
          deployed.set(stack.stackName, result);
          done.push(result);
          const created = result.resources.filter((resource) => resource.effect === 'created');
          options.onStack?.({
            stackName: stack.stackName,
            phase: 'deployed',
            created: created.length,
            recorded: result.resources.length - created.length,
            ...result.changes,
            durationMs: Date.now() - started,
          });
        }
        const warnings = target.iam.takeWarnings();
        for (const warning of warnings) (target.warn ?? console.warn)(`[sandbox] ${warning}`);
        return { ...summarize(done), warnings };
      }),
    destroy: (stackName) =>
      serialized(async () => {
        const stack = deployed.get(stackName);
        if (!stack) {
          throw new InvalidCloudAssemblyError(
            'the sandbox',
            `no deployed stack ${JSON.stringify(stackName)}; deployed: ${[...deployed.keys()].join(', ') || 'none'}`,
          );
        }
        for (const other of deployed.values()) {
          const used = [...stack.exports.keys()].find((name) => other.imports.has(name));
          if (other !== stack && used !== undefined) {
            throw new StackInUseError(stackName, used, other.stackName);
          }
        }
        await destroyStack(stack, target);
        deployed.delete(stackName);
      }),
  };
}

function summarize(stacks: readonly DeployedStack[]): Omit<DeployResult, 'warnings'> {
  const skipped: SkippedResource[] = [];
  const created = new Map<string, number>();
  const recorded = new Map<string, number>();
  const summaries = stacks.map((stack) => {
    const resources: DeployedResourceSummary[] = [];
    for (const resource of stack.resources) {
      const entry = {
        logicalId: resource.logicalId,
        type: resource.type,
        physicalId: resource.physicalId,
      };
      const counts = resource.effect === 'created' ? created : recorded;
      counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
      if (resource.effect === 'created') resources.push(entry);
      else skipped.push({ ...entry, stackName: stack.stackName });
    }
    return { stackName: stack.stackName, stackId: stack.stackId, resources };
  });
  const outputs = Object.fromEntries(
    stacks.map((stack) => [
      stack.stackName,
      Object.fromEntries(Object.entries(stack.outputs).map(([key, value]) => [key, String(value)])),
    ]),
  );
  const count = (counts: Map<string, number>) =>
    [...counts.values()].reduce((sum, value) => sum + value, 0);
  const byType = (counts: Map<string, number>) =>
    [...counts].map(([type, n]) => `${type.replace(/^AWS::/, '')} ×${n}`).join(', ');
  const summary =
    `deployed ${stacks.length} stack(s): ${count(created)} resource(s) created` +
    (created.size > 0 ? ` (${byType(created)})` : '') +
    `, ${count(recorded)} recorded without a local effect` +
    (recorded.size > 0 ? ` (${byType(recorded)})` : '');
  return { stacks: summaries, outputs, skipped, summary };
}
