import { SQS_LIMITS } from '../limits.js';

/** Where a queue lives: the parts its URL and ARN are made of. */
export interface QueueLocation {
  readonly region: string;
  readonly accountId: string;
  readonly name: string;
}

export const queueArn = ({ region, accountId, name }: QueueLocation): string =>
  `arn:aws:sqs:${region}:${accountId}:${name}`;

export const queueUrl = (endpoint: string, { accountId, name }: QueueLocation): string =>
  `${endpoint.replace(/\/+$/, '')}/${accountId}/${name}`;

/**
 * `{ accountId, name }` from a queue URL of any host (the SDK may rewrite hosts), or undefined
 * when it is no queue URL: fewer than two path segments, or an escape such as `%ZZ` that does
 * not decode.
 */
export function parseQueueUrl(url: string): { accountId: string; name: string } | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const segments = path.split('/').filter((segment) => segment.length > 0);
  const name = segments.at(-1);
  const accountId = segments.at(-2);
  if (!name || !accountId) return undefined;
  const decodedAccountId = decodedSegment(accountId);
  const decodedName = decodedSegment(name);
  if (decodedAccountId === undefined || decodedName === undefined) return undefined;
  return { accountId: decodedAccountId, name: decodedName };
}

function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** `{ region, accountId, name }` from `arn:aws:sqs:region:account:name`, or undefined. */
export function parseQueueArn(arn: string): QueueLocation | undefined {
  const match = /^arn:[^:]+:sqs:([^:]*):([^:]+):([^:]+)$/.exec(arn);
  if (!match?.[2] || !match[3]) return undefined;
  return { region: match[1] ?? '', accountId: match[2], name: match[3] };
}

/** Why a queue name is invalid, or undefined when it is valid. */
export function queueNameProblem(name: string, fifo: boolean): string | undefined {
  if (name.length === 0 || name.length > SQS_LIMITS.maximumQueueNameLength) {
    return `Queue name must be 1 to ${SQS_LIMITS.maximumQueueNameLength} characters long.`;
  }
  const stem = fifo ? name.replace(/\.fifo$/, '') : name;
  if (fifo && !name.endsWith('.fifo')) {
    return 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.';
  }
  if (!/^[A-Za-z0-9_-]+$/.test(stem)) {
    return 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length';
  }
  return undefined;
}
