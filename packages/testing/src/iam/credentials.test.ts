import { describe, expect, it } from 'vitest';
import { newFunctionCredentials, sigV4Credential } from './credentials.js';

describe('the SigV4 credential of a request', () => {
  it('reads the Authorization header', () => {
    expect(
      sigV4Credential({
        authorization:
          'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261207/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc',
      }),
    ).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      date: '20261207',
      region: 'us-east-1',
      service: 'dynamodb',
    });
  });

  it("reads a presigned URL's X-Amz-Credential", () => {
    const query = new URLSearchParams({
      'X-Amz-Credential': 'AKIDEXAMPLE/20261207/us-east-1/sqs/aws4_request',
    });
    expect(sigV4Credential({}, query)?.accessKeyId).toBe('AKIDEXAMPLE');
  });

  it('takes nothing from an unsigned request or a header not of SigV4 shape', () => {
    expect(sigV4Credential({})).toBeUndefined();
    expect(sigV4Credential({ authorization: 'Bearer token' })).toBeUndefined();
    expect(
      sigV4Credential({ authorization: 'AWS4-HMAC-SHA256 Credential=AKID/2026/us-east-1/sqs' }),
    ).toBeUndefined();
    expect(
      sigV4Credential({
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/sqs/aws4_request, Signature=x',
      }),
    ).toBeUndefined();
    expect(
      sigV4Credential({
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/sqs/aws4_request, SignedHeaders=host',
      }),
    ).toBeUndefined();
  });

  it("issues STS-shaped temporary credentials, each function's its own", () => {
    const first = newFunctionCredentials();
    const second = newFunctionCredentials();
    expect(first.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(first.accessKeyId).not.toBe(second.accessKeyId);
    expect(first.secretAccessKey).toHaveLength(40);
  });
});
