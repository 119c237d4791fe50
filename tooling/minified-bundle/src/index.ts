import { build } from 'esbuild';

export interface MinifiedBundle {
  /** The bundled, minified ES module. */
  readonly code: string;
  /** The source files that contributed bytes to the output, as esbuild names them. */
  readonly inputs: readonly string[];
}

/**
 * Bundles `contents` (TypeScript, resolved from `resolveDir`) the way a Lambda deployment does:
 * one minified ES module for Node. Minifying is the point: it renames classes, so a test of the
 * result sees what a deployed handler logs.
 */
export async function bundleMinified(
  contents: string,
  resolveDir: string,
  options: { readonly external?: readonly string[] } = {},
): Promise<MinifiedBundle> {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    external: [...(options.external ?? [])],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file),
  );
  return { code: result.outputFiles[0]?.text ?? '', inputs };
}

/** Imports bundled code as a module. It is loaded from a data: URL, so it must be self-contained. */
export async function importBundle<T>(code: string): Promise<T> {
  return (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as T;
}
