/** DynamoDB's JSON 1.0 operations all carry this target prefix. */
export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810.';
