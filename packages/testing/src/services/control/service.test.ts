import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { ServiceRequest } from '../../edge/service.js';
import { createControlService, DEPLOY_PATH, DESTROY_PATH } from './service.js';

/** The control routes check every field before the deployer is called. */
const calls: unknown[] = [];
const service = createControlService({
  async deploy(cloudAssembly, options) {
    calls.push({ cloudAssembly, options });
    return { stacks: [], outputs: {}, skipped: [], summary: 'deployed 0 stack(s)', warnings: [] };
  },
  async destroy(stackName) {
    calls.push({ destroy: stackName });
  },
});

const request = (path: string, body: string | Buffer, method = 'POST'): ServiceRequest => ({
  method,
  path,
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
});
const answer = async (path: string, body: string | Buffer, method?: string) => {
  const response = await service.handle(request(path, body, method));
  return { status: response.status, body: JSON.parse(String(response.body)) as unknown };
};

describe('the control service', () => {
  it('refuses, naming the field and the rule, before anything is deployed', async () => {
    calls.length = 0;
    const refusals = await Promise.all([
      answer(DEPLOY_PATH, '{}', 'GET'),
      answer(DEPLOY_PATH, Buffer.alloc(70_000, 32)),
      answer(DEPLOY_PATH, '{"cloudAssembly":'),
      answer(DEPLOY_PATH, '["/tmp"]'),
      answer(DEPLOY_PATH, '{"cloudAssembly":"cdk.out"}'),
      answer(DEPLOY_PATH, '{"cloudAssembly":"/no/such/folder"}'),
      answer(DEPLOY_PATH, JSON.stringify({ cloudAssembly: tmpdir(), stacks: 'app' })),
      answer(DEPLOY_PATH, '{"__proto__":{"cloudAssembly":"/tmp"}}'),
      answer(DESTROY_PATH, '{"stackName":7}'),
    ]);
    expect(
      refusals.map(({ status, body }) => [status, (body as { message: string }).message]),
    ).toEqual([
      [405, '/_sandbox/deploy takes POST'],
      [413, 'the body is over 65536 bytes'],
      [400, expect.stringMatching(/^the body is no JSON: /)],
      [400, 'the body must be a JSON object'],
      [400, 'cloudAssembly: must be an absolute path, got "cdk.out"'],
      [400, 'cloudAssembly: must be a folder, and /no/such/folder is none'],
      [400, 'stacks: must be a list of at most 100 stack names'],
      [400, 'cloudAssembly: must be a non-empty string'],
      [400, 'stackName: must be a non-empty string'],
    ]);
    expect(calls).toEqual([]);
  });

  it('deploys and destroys what a valid request names', async () => {
    calls.length = 0;
    expect(
      await answer(DEPLOY_PATH, JSON.stringify({ cloudAssembly: tmpdir(), stacks: ['app'] })),
    ).toEqual({
      status: 200,
      body: { stacks: [], outputs: {}, skipped: [], summary: 'deployed 0 stack(s)', warnings: [] },
    });
    expect(await answer(DESTROY_PATH, '{"stackName":"app"}')).toEqual({ status: 200, body: {} });
    expect(calls).toEqual([
      { cloudAssembly: tmpdir(), options: { stacks: ['app'] } },
      { destroy: 'app' },
    ]);
  });
});
