import { sqsErrors } from '../errors.js';
import { SQS_LIMITS } from '../limits.js';
import { hasNonXmlCharacter } from './text-rules.js';

/** The redrive policy of a source queue, parsed. */
export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

/** Attributes computed from the queue's state; they can be read but never set. */
export const READ_ONLY_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

/** Attributes a caller may set, with the defaults every queue starts with (when it has one). */
export const SETTABLE_ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

export type SettableAttribute = (typeof SETTABLE_ATTRIBUTES)[number];

const FIFO_ONLY: ReadonlySet<string> = new Set([
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

/** Every queue has these; FIFO queues add the FIFO ones. */
export function defaultAttributes(fifo: boolean): Record<string, string> {
  return {
    DelaySeconds: '0',
    MaximumMessageSize: String(SQS_LIMITS.defaultMaximumMessageSizeBytes),
    MessageRetentionPeriod: String(SQS_LIMITS.defaultRetentionSeconds),
    ReceiveMessageWaitTimeSeconds: '0',
    VisibilityTimeout: String(SQS_LIMITS.defaultVisibilityTimeoutSeconds),
    SqsManagedSseEnabled: 'true',
    ...(fifo
      ? {
          FifoQueue: 'true',
          ContentBasedDeduplication: 'false',
          DeduplicationScope: 'queue',
          FifoThroughputLimit: 'perQueue',
        }
      : {}),
  };
}

export const isSettableAttribute = (name: string): name is SettableAttribute =>
  (SETTABLE_ATTRIBUTES as readonly string[]).includes(name);

export const isKnownAttribute = (name: string): boolean =>
  isSettableAttribute(name) || (READ_ONLY_ATTRIBUTES as readonly string[]).includes(name);

/**
 * Checks one attribute a caller sets and returns its stored form (AWS answers with normalised
 * values, e.g. the redrive policy re-serialised with a numeric `maxReceiveCount`). An empty
 * string clears the optional policies.
 */
export function normaliseAttribute(
  name: string,
  value: string,
  queue: { fifo: boolean; creating: boolean },
): string {
  if (!isSettableAttribute(name)) throw sqsErrors.invalidAttributeName(name);
  // Attribute values are echoed by GetQueueAttributes; XML cannot carry other characters.
  if (hasNonXmlCharacter(value)) {
    throw sqsErrors.invalidAttributeValue(
      name,
      'Valid characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.',
    );
  }
  if (FIFO_ONLY.has(name) && !queue.fifo) throw sqsErrors.invalidAttributeName(name);
  switch (name) {
    case 'DelaySeconds':
      return integerIn(name, value, 0, SQS_LIMITS.maximumDelaySeconds);
    case 'MaximumMessageSize':
      return integerIn(
        name,
        value,
        SQS_LIMITS.minimumMessageSizeBytes,
        SQS_LIMITS.maximumMessageSizeBytes,
      );
    case 'MessageRetentionPeriod':
      return integerIn(
        name,
        value,
        SQS_LIMITS.minimumRetentionSeconds,
        SQS_LIMITS.maximumRetentionSeconds,
      );
    case 'ReceiveMessageWaitTimeSeconds':
      return integerIn(name, value, 0, SQS_LIMITS.maximumWaitTimeSeconds);
    case 'VisibilityTimeout':
      return integerIn(name, value, 0, SQS_LIMITS.maximumVisibilityTimeoutSeconds);
    case 'KmsDataKeyReusePeriodSeconds':
      return integerIn(name, value, 60, 86_400);
    case 'SqsManagedSseEnabled':
    case 'ContentBasedDeduplication':
      return boolean(name, value);
    case 'FifoQueue': {
      if (!queue.creating) throw sqsErrors.invalidAttributeName(name);
      return boolean(name, value);
    }
    case 'DeduplicationScope':
      return oneOf(name, value, ['queue', 'messageGroup']);
    case 'FifoThroughputLimit':
      return oneOf(name, value, ['perQueue', 'perMessageGroupId']);
    case 'RedrivePolicy':
      return value === '' ? '' : JSON.stringify(parseRedrivePolicy(value));
    case 'Policy':
    case 'RedriveAllowPolicy':
      if (value !== '') assertJson(name, value);
      return value;
    case 'KmsMasterKeyId':
      return value;
  }
}

/** Parses and checks a RedrivePolicy value (JSON; `maxReceiveCount` may be a string). */
export function parseRedrivePolicy(value: string): RedrivePolicy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw sqsErrors.invalidAttributeValue(
      'RedrivePolicy',
      'Redrive policy is not a valid JSON map.',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw sqsErrors.invalidAttributeValue(
      'RedrivePolicy',
      'Redrive policy is not a valid JSON map.',
    );
  }
  const { deadLetterTargetArn, maxReceiveCount } = parsed as Record<string, unknown>;
  if (typeof deadLetterTargetArn !== 'string' || deadLetterTargetArn === '') {
    throw sqsErrors.invalidAttributeValue(
      'RedrivePolicy',
      'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.',
    );
  }
  const count = Number(maxReceiveCount);
  if (
    maxReceiveCount === undefined ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > SQS_LIMITS.maximumReceiveCount
  ) {
    throw sqsErrors.invalidAttributeValue(
      'RedrivePolicy',
      `Value ${String(maxReceiveCount)} for parameter maxReceiveCount is invalid. Reason: must be an integer between 1 and ${SQS_LIMITS.maximumReceiveCount}.`,
    );
  }
  return { deadLetterTargetArn, maxReceiveCount: count };
}

function integerIn(name: string, value: string, min: number, max: number): string {
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max) {
    throw sqsErrors.invalidAttributeValue(
      name,
      `must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}.`,
    );
  }
  return String(number);
}

function boolean(name: string, value: string): string {
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') {
    throw sqsErrors.invalidAttributeValue(
      name,
      `must be true or false, got ${JSON.stringify(value)}.`,
    );
  }
  return lower;
}

function oneOf(name: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) {
    throw sqsErrors.invalidAttributeValue(name, `must be one of ${allowed.join(', ')}.`);
  }
  return value;
}

function assertJson(name: string, value: string): void {
  try {
    JSON.parse(value);
  } catch {
    throw sqsErrors.invalidAttributeValue(name, 'must be a JSON document.');
  }
}
