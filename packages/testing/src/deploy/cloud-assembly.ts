import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidCloudAssemblyError } from './errors.js';
import type { CfnTemplate } from './template.js';

/** One stack of a cloud assembly, as `cdk synth` wrote it. */
export interface AssemblyStack {
  /** The artifact id (`cdk deploy <id>`). */
  readonly id: string;
  /** The CloudFormation stack name. */
  readonly stackName: string;
  readonly template: CfnTemplate;
  /** Ids of the stacks that must be deployed first. */
  readonly dependencies: readonly string[];
  /** Local files of the stack's assets, by the S3 object key the template names. */
  readonly assets: ReadonlyMap<string, AssemblyAsset>;
}

/** A file asset (a function's code): where `cdk synth` left it. */
export interface AssemblyAsset {
  /** Absolute path of the `asset.<hash>` folder or file. */
  readonly path: string;
  /** `zip`: a folder to be zipped (the sandbox reads it as is); `file`: one file. */
  readonly packaging: 'zip' | 'file';
}

interface Manifest {
  readonly artifacts?: Readonly<Record<string, ManifestArtifact>>;
}

interface ManifestArtifact {
  readonly type: string;
  readonly dependencies?: readonly string[];
  readonly displayName?: string;
  readonly properties?: {
    readonly templateFile?: string;
    readonly stackName?: string;
    readonly file?: string;
    readonly directoryName?: string;
  };
}

interface AssetManifest {
  readonly files?: Readonly<
    Record<
      string,
      {
        readonly source: { readonly path: string; readonly packaging?: 'zip' | 'file' };
        readonly destinations?: Readonly<Record<string, { readonly objectKey: string }>>;
      }
    >
  >;
}

function readJson<T>(assembly: string, file: string): T {
  if (!existsSync(file)) throw new InvalidCloudAssemblyError(assembly, `${file} is missing`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new InvalidCloudAssemblyError(
      assembly,
      `${file} is not JSON (${(error as Error).message})`,
    );
  }
}

/**
 * The stacks of a cloud assembly (`cdk.out`), dependencies first. Stages (nested assemblies) are
 * read too. A stack's dependencies on other stacks are kept; those on asset manifests are what
 * `assets` resolves.
 */
export function readCloudAssembly(dir: string): AssemblyStack[] {
  const root = resolve(dir);
  const stacks = new Map<string, AssemblyStack>();
  readAssembly(root, root, stacks);
  return dependencyOrder(root, stacks);
}

function readAssembly(root: string, dir: string, stacks: Map<string, AssemblyStack>): void {
  const manifest = readJson<Manifest>(root, join(dir, 'manifest.json'));
  const artifacts = manifest.artifacts ?? {};
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      readAssembly(root, join(dir, artifact.properties.directoryName), stacks);
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const templateFile = artifact.properties?.templateFile;
    if (!templateFile)
      throw new InvalidCloudAssemblyError(root, `stack ${id} names no template file`);
    const assets = new Map<string, AssemblyAsset>();
    const dependencies: string[] = [];
    for (const dependency of artifact.dependencies ?? []) {
      const target = artifacts[dependency];
      if (target?.type === 'cdk:asset-manifest' && target.properties?.file) {
        readAssets(root, dir, target.properties.file, assets);
      } else if (target?.type === 'aws:cloudformation:stack' || target === undefined) {
        dependencies.push(dependency);
      }
    }
    stacks.set(id, {
      id,
      stackName: artifact.properties?.stackName ?? artifact.displayName ?? id,
      template: readJson<CfnTemplate>(root, join(dir, templateFile)),
      dependencies,
      assets,
    });
  }
}

function readAssets(
  root: string,
  dir: string,
  file: string,
  assets: Map<string, AssemblyAsset>,
): void {
  const manifest = readJson<AssetManifest>(root, join(dir, file));
  for (const entry of Object.values(manifest.files ?? {})) {
    const asset: AssemblyAsset = {
      path: join(dir, entry.source.path),
      packaging: entry.source.packaging ?? 'file',
    };
    for (const destination of Object.values(entry.destinations ?? {})) {
      assets.set(destination.objectKey, asset);
    }
  }
}

/** Stacks ordered so that each comes after the stacks it depends on; a cycle is an error. */
function dependencyOrder(
  root: string,
  stacks: ReadonlyMap<string, AssemblyStack>,
): AssemblyStack[] {
  const ordered: AssemblyStack[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, from: string) => {
    const stack = stacks.get(id);
    if (!stack)
      throw new InvalidCloudAssemblyError(
        root,
        `${from} depends on ${id}, which is not in the assembly`,
      );
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting')
      throw new InvalidCloudAssemblyError(root, `stack ${id} depends on itself`);
    state.set(id, 'visiting');
    for (const dependency of stack.dependencies) visit(dependency, id);
    state.set(id, 'done');
    ordered.push(stack);
  };
  for (const id of stacks.keys()) visit(id, 'the assembly');
  return ordered;
}

/**
 * The stacks to deploy for `selection` (artifact ids or stack names), with the stacks they depend
 * on, in deployment order; all of them when `selection` is undefined.
 */
export function selectStacks(
  dir: string,
  stacks: readonly AssemblyStack[],
  selection: readonly string[] | undefined,
): AssemblyStack[] {
  if (selection === undefined) return [...stacks];
  const byKey = new Map<string, AssemblyStack>();
  for (const stack of stacks) {
    byKey.set(stack.id, stack);
    byKey.set(stack.stackName, stack);
  }
  const wanted = new Set<string>();
  const want = (stack: AssemblyStack) => {
    if (wanted.has(stack.id)) return;
    wanted.add(stack.id);
    for (const dependency of stack.dependencies) {
      const found = byKey.get(dependency);
      if (found) want(found);
    }
  };
  for (const name of selection) {
    const stack = byKey.get(name);
    if (!stack) {
      throw new InvalidCloudAssemblyError(
        dir,
        `no stack ${JSON.stringify(name)}; the assembly has ${stacks.map((each) => each.stackName).join(', ')}`,
      );
    }
    want(stack);
  }
  return stacks.filter((stack) => wanted.has(stack.id));
}
