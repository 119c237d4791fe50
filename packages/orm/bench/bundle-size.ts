/** Minified esbuild bundle size of a put + get Lambda handler, with the AWS SDK left external. */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export async function bundleSize(handler: string): Promise<number> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`./handlers/${handler}.ts`, import.meta.url))],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // The Lambda runtime ships the AWS SDK v3; no library bundles it.
    external: ['@aws-sdk/*', '@smithy/*'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles.reduce((total, file) => total + file.contents.byteLength, 0);
}
