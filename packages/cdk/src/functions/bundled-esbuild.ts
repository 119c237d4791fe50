import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

/**
 * The folder holding the `esbuild` executable this package depends on, or `undefined` when it
 * cannot be found (then NodejsFunction's own lookup is all there is).
 */
export function bundledEsbuildBinDir(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('esbuild/package.json');
    const bin = join(dirname(manifest), 'bin');
    return existsSync(join(bin, 'esbuild')) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * NodejsFunction bundles locally only when it finds esbuild: resolvable from `aws-cdk-lib`, or an
 * `esbuild` command on PATH. Otherwise it falls back to Docker, which most machines do not run.
 * A project without esbuild of its own, or whose package manager does not hoist this package's
 * dependencies, would hit that fallback; appending the shipped esbuild's folder to PATH lets it
 * be found. It goes last, so an esbuild the project installs itself still wins.
 */
export function offerBundledEsbuild(env: NodeJS.ProcessEnv = process.env): void {
  const bin = bundledEsbuildBinDir();
  if (!bin) return;
  const entries = (env.PATH ?? '').split(delimiter).filter((entry) => entry !== '');
  if (entries.includes(bin)) return;
  env.PATH = [...entries, bin].join(delimiter);
}
