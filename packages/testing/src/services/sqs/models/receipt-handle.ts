/**
 * Receipt handles are opaque to clients; ours encode which queue, which message and which receive
 * they belong to, so a handle from an earlier receive can be told apart from the current one.
 */
export interface ReceiptHandleParts {
  readonly queueArn: string;
  readonly messageId: string;
  readonly nonce: string;
}

const SEPARATOR = '\n';

export function encodeReceiptHandle(parts: ReceiptHandleParts): string {
  return Buffer.from(
    [parts.queueArn, parts.messageId, parts.nonce].join(SEPARATOR),
    'utf8',
  ).toString('base64');
}

/** Undefined when the handle is not one this sandbox issued. */
export function decodeReceiptHandle(handle: string): ReceiptHandleParts | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(handle)) return undefined;
  const fields = Buffer.from(handle, 'base64').toString('utf8').split(SEPARATOR);
  const [queueArn, messageId, nonce] = fields;
  if (fields.length !== 3 || !queueArn?.startsWith('arn:') || !messageId || !nonce)
    return undefined;
  return { queueArn, messageId, nonce };
}
