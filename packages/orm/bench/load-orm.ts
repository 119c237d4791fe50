/** Bundles `orm-under-test.ts` with esbuild (minified, AWS SDK external) and imports it. */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export type OrmUnderTest = typeof import('./orm-under-test.js');

export async function loadOrm(): Promise<OrmUnderTest> {
  // The package's own cache folder, so the bundle resolves the external AWS SDK from there.
  const outdir = fileURLToPath(new URL('../node_modules/.cache/davinci-bench/', import.meta.url));
  await mkdir(outdir, { recursive: true });
  const outfile = `${outdir}orm-under-test.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL('./orm-under-test.ts', import.meta.url))],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['@aws-sdk/*', '@smithy/*'],
    logLevel: 'silent',
  });
  return (await import(`${pathToFileURL(outfile).href}?${Date.now()}`)) as OrmUnderTest;
}
