import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox.js';
import { startSesSandbox } from './__tests__/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => {
  ({ sandbox } = await startSesSandbox());
  sandbox.ses.verifyIdentity('shop.example');
});
afterAll(() => sandbox.stop());

/** Signed as SES v2 requests are, so the edge applies SES's body limit. */
const SIGNED = {
  'content-type': 'application/json',
  authorization:
    'AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=0',
};

async function post(path: string, body: string | Buffer) {
  const response = await fetch(`${sandbox.endpoint}${path}`, {
    method: 'POST',
    headers: SIGNED,
    body,
  });
  return {
    status: response.status,
    type: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as { message?: string },
  };
}

describe('SES requests the sandbox refuses', () => {
  it('answers bodies that are no JSON object, or no UTF-8, with BadRequestException', async () => {
    const cases: [string | Buffer, string][] = [
      ['{not json', 'The request body is not valid JSON.'],
      ['[1, 2]', 'The request body must be a JSON object.'],
      [Buffer.from([0x7b, 0xff, 0x7d]), 'The request body is not valid UTF-8.'],
    ];
    for (const [body, message] of cases) {
      expect(await post('/v2/email/outbound-emails', body)).toEqual({
        status: 400,
        type: 'BadRequestException',
        body: { message },
      });
    }
  });

  it('names the member whose type is wrong, and reads no inherited member', async () => {
    expect(
      await post('/v2/email/outbound-emails', JSON.stringify({ Content: { Simple: 'text' } })),
    ).toEqual({
      status: 400,
      type: 'BadRequestException',
      body: {
        message:
          "1 validation error detected: Value at 'content.simple' failed to satisfy constraint: Member must be a structure",
      },
    });
    const proto = await post(
      '/v2/email/outbound-emails',
      '{"__proto__": {"Content": {"Simple": {}}}, "FromEmailAddress": "a@shop.example"}',
    );
    expect(proto.body.message).toBe(
      "1 validation error detected: Value null at 'content' failed to satisfy constraint: Member must not be null",
    );
  });

  it('refuses a raw message that is no base64, and an unknown route', async () => {
    const raw = await post(
      '/v2/email/outbound-emails',
      JSON.stringify({ Content: { Raw: { Data: 'not base64!' } } }),
    );
    expect(raw.body.message).toBe('Content.Raw.Data must be a base64-encoded MIME message.');
    expect(await post('/v2/email/templates', '{}')).toEqual({
      status: 404,
      type: 'UnknownOperationException',
      body: { message: "The sandbox's SES does not serve POST /v2/email/templates." },
    });
  });

  it('answers a body over the limit with 413 before reading it all', async () => {
    const response = await post('/v2/email/outbound-emails', Buffer.alloc(14_000_001, 0x20));
    expect(response).toEqual({
      status: 413,
      type: 'BadRequestException',
      body: {
        message: 'The request is larger than 14000000 bytes; SES takes messages of at most 10 MB.',
      },
    });
    expect(sandbox.ses.messages()).toEqual([]);
  });
});
