import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCloudAssembly, selectStacks } from './cloud-assembly.js';
import { InvalidCloudAssemblyError } from './errors.js';

const root = mkdtempSync(join(tmpdir(), 'davinci-assembly-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A cloud assembly written by hand: `artifacts` as manifest.json holds them, templates beside. */
function assembly(
  name: string,
  artifacts: Record<string, unknown>,
  files: Record<string, unknown>,
) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '48.0.0', artifacts }));
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(join(dir, file), JSON.stringify(content));
  }
  return dir;
}

const stack = (dependencies: string[] = [], stackName?: string) => ({
  type: 'aws:cloudformation:stack',
  dependencies,
  properties: { templateFile: 'x.template.json', ...(stackName && { stackName }) },
});

describe('readCloudAssembly', () => {
  it('orders stacks after the stacks they depend on, whatever the manifest order', () => {
    const dir = assembly(
      'ordered',
      {
        api: stack(['data', 'api.assets']),
        'api.assets': { type: 'cdk:asset-manifest', properties: { file: 'api.assets.json' } },
        data: stack(['network']),
        network: stack([], 'shared-network'),
        Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
      },
      {
        'x.template.json': { Resources: {} },
        'api.assets.json': {
          files: {
            abc: {
              source: { path: 'asset.abc', packaging: 'zip' },
              destinations: { 'current_account-current_region': { objectKey: 'abc.zip' } },
            },
          },
        },
      },
    );
    const stacks = readCloudAssembly(dir);
    expect(
      stacks.map(({ id, stackName, dependencies }) => ({ id, stackName, dependencies })),
    ).toEqual([
      { id: 'network', stackName: 'shared-network', dependencies: [] },
      { id: 'data', stackName: 'data', dependencies: ['network'] },
      { id: 'api', stackName: 'api', dependencies: ['data'] },
    ]);
    expect([...(stacks[2]?.assets ?? [])]).toEqual([
      ['abc.zip', { path: join(dir, 'asset.abc'), packaging: 'zip' }],
    ]);
  });

  it('selects stacks by name or id, with what they depend on', () => {
    const dir = assembly(
      'selected',
      { a: stack(), b: stack(['a']), c: stack([], 'stack-c') },
      { 'x.template.json': {} },
    );
    const stacks = readCloudAssembly(dir);
    expect(selectStacks(dir, stacks, ['b']).map((each) => each.id)).toEqual(['a', 'b']);
    expect(selectStacks(dir, stacks, ['stack-c']).map((each) => each.id)).toEqual(['c']);
    expect(selectStacks(dir, stacks, undefined).map((each) => each.id)).toEqual(['a', 'b', 'c']);
    expect(() => selectStacks(dir, stacks, ['nope'])).toThrow(
      `cloud assembly ${dir}: no stack "nope"; the assembly has a, b, stack-c`,
    );
  });

  it('refuses a missing manifest, a missing template and a dependency cycle, naming each', () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect(() => readCloudAssembly(empty)).toThrow(InvalidCloudAssemblyError);
    expect(() => readCloudAssembly(empty)).toThrow(
      `cloud assembly ${empty}: ${join(empty, 'manifest.json')} is missing`,
    );
    const noTemplate = assembly('no-template', { a: stack() }, {});
    expect(() => readCloudAssembly(noTemplate)).toThrow(
      `cloud assembly ${noTemplate}: ${join(noTemplate, 'x.template.json')} is missing`,
    );
    const cycle = assembly(
      'cycle',
      { a: stack(['b']), b: stack(['a']) },
      { 'x.template.json': {} },
    );
    expect(() => readCloudAssembly(cycle)).toThrow(
      `cloud assembly ${cycle}: stack a depends on itself`,
    );
  });

  it('reads the stacks of a Stage from its nested assembly', () => {
    const app = new App({ outdir: join(root, 'staged') });
    const stage = new Stage(app, 'Prod');
    new Queue(new Stack(stage, 'Orders', { stackName: 'prod-orders' }), 'Queue');
    new Queue(new Stack(app, 'Top'), 'Queue');
    const stacks = readCloudAssembly(app.synth().directory);
    expect(stacks.map((each) => [each.id, each.stackName]).sort()).toEqual([
      [expect.stringMatching(/^ProdOrders[0-9A-F]{8}$/), 'prod-orders'],
      ['Top', 'Top'],
    ]);
    const staged = stacks.find((each) => each.stackName === 'prod-orders');
    expect(Object.values(staged?.template.Resources ?? {}).map((r) => r.Type)).toEqual([
      'AWS::SQS::Queue',
    ]);
  });
});
