/** Minified esbuild bundle of a put + get Lambda handler, with the AWS SDK left external. */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface BundleSize {
  /** Minified bytes of the whole handler bundle. */
  readonly bytes: number;
  /** Minified bytes each source file contributes, largest first (from esbuild's metafile). */
  readonly inputs: readonly { readonly file: string; readonly bytes: number }[];
}

export async function bundleSize(handler: string): Promise<BundleSize> {
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
    metafile: true,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles.reduce((total, file) => total + file.contents.byteLength, 0);
  const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs).map(([file, input]) => ({ file, bytes: input.bytesInOutput })),
  );
  return {
    bytes,
    inputs: inputs.filter((input) => input.bytes > 0).sort((a, b) => b.bytes - a.bytes),
  };
}
