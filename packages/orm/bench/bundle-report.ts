/**
 * The bundle-size table: a put + get Lambda handler per library, the same table and the same
 * work, minified by esbuild with the AWS SDK external; plus where the ORM handlers' bytes go.
 * Run alone with `pnpm run bench:bundle`; `bench` prints it after the timings.
 */
import { fileURLToPath } from 'node:url';
import { type BundleSize, bundleSize } from './bundle-size.js';

const TARGET_BYTES = 15 * 1024;

const HANDLERS = [
  { file: 'orm-functions', label: '@davinci/orm: table() + putItem/getItem (recommended)' },
  { file: 'orm-client', label: '@davinci/orm: TableClient' },
  {
    file: 'orm-functions-root-attr',
    label: "@davinci/orm: functions, attr from '@davinci/orm'",
  },
  { file: 'raw', label: 'raw SDK + util-dynamodb' },
  { file: 'electrodb', label: 'ElectroDB' },
  { file: 'toolbox', label: 'DynamoDB-Toolbox v2' },
] as const;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function bundleReport(topFiles = 12): Promise<string[]> {
  const sizes = new Map<string, BundleSize>();
  for (const handler of HANDLERS) sizes.set(handler.file, await bundleSize(handler.file));
  const raw = sizes.get('raw') as BundleSize;
  const recommended = sizes.get('orm-functions') as BundleSize;
  const lines = [
    '',
    'put+get Lambda handler, esbuild --minify, AWS SDK external; ratio to raw',
    `${'handler'.padEnd(56)}${'size'.padEnd(12)}ratio`,
  ];
  for (const handler of HANDLERS) {
    const { bytes } = sizes.get(handler.file) as BundleSize;
    lines.push(
      `${handler.label.padEnd(56)}${kb(bytes).padEnd(12)}${(bytes / raw.bytes).toFixed(1)}×`,
    );
  }
  lines.push(
    `target ≤ 15 KB on the recommended API (table() + operation functions): ${
      recommended.bytes <= TARGET_BYTES ? 'met' : 'MISSED'
    } (${kb(recommended.bytes)}); TableClient: ${kb((sizes.get('orm-client') as BundleSize).bytes)}`,
  );
  for (const file of ['orm-functions', 'orm-client'] as const) {
    const { bytes, inputs } = sizes.get(file) as BundleSize;
    lines.push('', `${file}: top ${topFiles} source files by minified bytes (of ${bytes})`);
    for (const input of inputs.slice(0, topFiles)) {
      lines.push(`  ${String(input.bytes).padStart(6)}  ${input.file}`);
    }
  }
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log((await bundleReport(Number(process.argv[2] ?? 12))).join('\n'));
}
