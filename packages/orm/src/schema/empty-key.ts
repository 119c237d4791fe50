import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { IssueSink } from './issues.js';

/**
 * Whether a marshalled value is one DynamoDB refuses for a key attribute: an empty string or
 * binary. Key conditions can check their values with it (filters and conditions may compare
 * with an empty string; only keys cannot hold one).
 */
export function isEmptyKeyValue(stored: AttributeValue | undefined): boolean {
  return stored?.S === '' || stored?.B?.length === 0;
}

/**
 * DynamoDB rejects an empty string (or binary) as the value of a table or index key attribute,
 * sparse indexes included. Reports rule `emptyKey` when `stored` is one; true when it is fine.
 */
export function checkKeyValue(
  stored: AttributeValue | undefined,
  path: string,
  issues: IssueSink,
): boolean {
  if (!isEmptyKeyValue(stored)) return true;
  issues.add(
    path,
    'emptyKey',
    'is a table or index key, and DynamoDB cannot store an empty string as a key value',
  );
  return false;
}
