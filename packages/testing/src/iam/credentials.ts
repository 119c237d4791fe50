import { randomBytes } from 'node:crypto';

/** The parts of a SigV4 credential scope: `AKID/20260101/us-east-1/sqs/aws4_request`. */
export interface SigV4Credential {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

const CREDENTIAL =
  /^([A-Za-z0-9_+=,.@-]{1,128})\/(\d{8})\/([a-z0-9-]{1,32})\/([a-z0-9-]{1,64})\/aws4_request$/;

function scopeOf(value: string): SigV4Credential | undefined {
  const parts = CREDENTIAL.exec(value);
  if (!parts) return undefined;
  const [, accessKeyId, date, region, service] = parts as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { accessKeyId, date, region, service };
}

const SIGV4_SCHEME = 'AWS4-HMAC-SHA256 ';

/**
 * The credential a request is signed with: from `Authorization: AWS4-HMAC-SHA256 Credential=…,
 * SignedHeaders=…, Signature=…`, or from a presigned URL's `X-Amz-Credential`. Undefined for an
 * unsigned request or one whose signature is not SigV4's shape. The signature itself is not
 * checked: only who signed matters to the sandbox.
 */
export function sigV4Credential(
  headers: Readonly<Record<string, string>>,
  query?: URLSearchParams,
): SigV4Credential | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const value = authorization.trim();
    if (!value.startsWith(SIGV4_SCHEME)) return undefined;
    // Read on every request a function makes, so the fields are scanned rather than collected.
    let credential: string | undefined;
    let signedHeaders = false;
    let signature = false;
    for (const field of value.slice(SIGV4_SCHEME.length).split(',')) {
      const at = field.indexOf('=');
      if (at <= 0) continue;
      const name = field.slice(0, at).trim();
      if (name === 'Credential') credential = field.slice(at + 1).trim();
      else if (name === 'SignedHeaders') signedHeaders = true;
      else if (name === 'Signature') signature = true;
    }
    return credential && signedHeaders && signature ? scopeOf(credential) : undefined;
  }
  const presigned = query?.get('X-Amz-Credential');
  return presigned ? scopeOf(presigned) : undefined;
}

/** A function's credentials: what Lambda hands its runtime in the environment. */
export interface FunctionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** New temporary credentials, shaped as STS's: `ASIA` and 16 characters, a 40-character secret. */
export function newFunctionCredentials(): FunctionCredentials {
  const key = [...randomBytes(16)].map((byte) => KEY_ALPHABET[byte % 32]).join('');
  return {
    accessKeyId: `ASIA${key}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(48).toString('base64'),
  };
}
