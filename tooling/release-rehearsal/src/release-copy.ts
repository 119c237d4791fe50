import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The packages published to npm, by folder under `packages/`. */
export const PUBLISHED = ['orm', 'event-bus', 'testing', 'cdk'] as const;
export type PublishedFolder = (typeof PUBLISHED)[number];

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/**
 * A copy of what a release touches: the root manifest, the pending changesets, and each published
 * package as built (manifest, README, CHANGELOG, `dist/`). `changeset version` and
 * `changeset publish` run in it as they would in the repository, which stays untouched.
 *
 * pnpm publish reads the version behind each `workspace:` range from the dependency's
 * `node_modules` link, so the links an install would make are made here: to the copied
 * packages, and to the repository's private tooling packages for development dependencies.
 */
export function copyForRelease(repo: string, dir: string): void {
  mkdirSync(join(dir, 'packages'), { recursive: true });
  cpSync(join(repo, 'package.json'), join(dir, 'package.json'));
  cpSync(join(repo, '.changeset'), join(dir, '.changeset'), { recursive: true });
  writeFileSync(join(dir, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  // The changesets CLI and its changelog writer, as installed at the repository's root.
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const folder of PUBLISHED) {
    const from = join(repo, 'packages', folder);
    const to = join(dir, 'packages', folder);
    if (!existsSync(join(from, 'dist'))) {
      throw new Error(`packages/${folder} is not built: run the build before the rehearsal`);
    }
    mkdirSync(to, { recursive: true });
    for (const entry of ['package.json', 'README.md', 'CHANGELOG.md', 'dist']) {
      if (existsSync(join(from, entry)))
        cpSync(join(from, entry), join(to, entry), { recursive: true });
    }
  }
  for (const folder of PUBLISHED) linkWorkspaceDependencies(repo, dir, folder);
}

function linkWorkspaceDependencies(repo: string, dir: string, folder: PublishedFolder): void {
  const packageDir = join(dir, 'packages', folder);
  const manifest = readManifest(packageDir);
  const ranges = {
    ...manifest.dependencies,
    ...manifest.devDependencies,
    ...manifest.peerDependencies,
  };
  for (const [name, range] of Object.entries(ranges)) {
    if (!range.startsWith('workspace:')) continue;
    const short = name.replace(/^@davinci\//, '');
    const target = (PUBLISHED as readonly string[]).includes(short)
      ? join(dir, 'packages', short)
      : join(repo, 'tooling', short);
    if (!existsSync(join(target, 'package.json'))) {
      throw new Error(
        `${manifest.name} depends on ${name} (${range}), found in neither packages/ nor tooling/`,
      );
    }
    mkdirSync(join(packageDir, 'node_modules', '@davinci'), { recursive: true });
    symlinkSync(target, join(packageDir, 'node_modules', name), 'dir');
  }
}
