import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledEsbuildBinDir, offerBundledEsbuild } from './bundled-esbuild.js';

describe('the esbuild shipped with @davinci/cdk', () => {
  it('is found in the esbuild package this package depends on', () => {
    const bin = bundledEsbuildBinDir();
    expect(bin).toMatch(/[/\\]esbuild[/\\]bin$/);
    expect(existsSync(join(bin ?? '', 'esbuild'))).toBe(true);
  });

  it('goes last on PATH, once, so an esbuild the project installs still wins', () => {
    const bin = bundledEsbuildBinDir();
    const env: NodeJS.ProcessEnv = { PATH: '/opt/project/bin:/usr/bin' };
    offerBundledEsbuild(env);
    offerBundledEsbuild(env);
    expect(env.PATH).toBe(`/opt/project/bin:/usr/bin:${bin}`);
  });

  it('makes a PATH when there is none', () => {
    const env: NodeJS.ProcessEnv = {};
    offerBundledEsbuild(env);
    expect(env.PATH).toBe(bundledEsbuildBinDir());
  });
});
