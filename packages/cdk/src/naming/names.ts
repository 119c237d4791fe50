import { InvalidOptionError } from '../errors.js';

/** Characters every physical name we derive may contain (the intersection of the rules of
 * DynamoDB tables, SQS queues, EventBridge buses/rules and Lambda functions). */
const NAME_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Throws unless `value` can be part of a physical resource name. */
export function assertNameSegment(field: string, value: string): void {
  if (typeof value !== 'string' || !NAME_SEGMENT.test(value)) {
    throw new InvalidOptionError(
      field,
      'must start with a letter or digit and contain only letters, digits, "-" and "_"',
      `got ${JSON.stringify(value)}`,
    );
  }
}

/** Throws when a derived physical name is longer than the service allows. */
export function assertMaxLength(field: string, name: string, max: number): void {
  if (name.length > max) {
    throw new InvalidOptionError(
      field,
      `the derived name '${name}' is ${name.length} characters; the limit is ${max}`,
      'shorten appName, deploymentId or the resource name',
    );
  }
}

/** `user_stats` → `UserStats`, `handle-user-created` → `HandleUserCreated` (construct ids, outputs). */
export function toPascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
}

/** `handleUserCreated` → `handle-user-created` (default function names from handler exports). */
export function toKebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** CloudFormation stack names allow letters, digits and hyphens only. */
export function toStackName(name: string): string {
  return name.replace(/[^A-Za-z0-9-]+/g, '-');
}
