import { ServiceError } from '../../../edge/service-error.js';

/** A request body as JSON 1.1 delivers it: the operation's input members at top level. */
export type Params = Readonly<Record<string, unknown>>;

interface StringRule {
  /** Minimum length (AWS's `min`). Default 1. */
  min?: number;
  /** Maximum length (AWS's `max`). */
  max?: number;
  /** The AWS model's pattern; the message quotes `patternText`. */
  pattern?: RegExp;
  patternText?: string;
}

/** AWS names members in validation messages in camelCase: `EventBusName` → `eventBusName`. */
function memberName(field: string): string {
  return field.charAt(0).toLowerCase() + field.slice(1);
}

/** The message shape AWS uses for model validation failures. */
export function validationError(field: string, value: unknown, constraint: string): ServiceError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
  return new ServiceError(
    'ValidationException',
    `1 validation error detected: Value ${shown} at '${memberName(field)}' failed to satisfy constraint: ${constraint}`,
  );
}

export function optionalString(
  params: Params,
  field: string,
  rule: StringRule = {},
): string | undefined {
  const value = params[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new ServiceError('SerializationException', `${field} must be a string`);
  }
  checkString(field, value, rule);
  return value;
}

export function requiredString(params: Params, field: string, rule: StringRule = {}): string {
  const value = optionalString(params, field, rule);
  if (value === undefined) throw validationError(field, undefined, 'Member must not be null');
  return value;
}

function checkString(field: string, value: string, rule: StringRule): void {
  const min = rule.min ?? 1;
  if (value.length < min) {
    throw validationError(field, value, `Member must have length greater than or equal to ${min}`);
  }
  if (rule.max !== undefined && value.length > rule.max) {
    throw validationError(
      field,
      value,
      `Member must have length less than or equal to ${rule.max}`,
    );
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw validationError(
      field,
      value,
      `Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`,
    );
  }
}

export function optionalInteger(
  params: Params,
  field: string,
  range: { min: number; max: number },
): number | undefined {
  const value = params[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ServiceError('SerializationException', `${field} must be an integer`);
  }
  if (value < range.min) {
    throw validationError(
      field,
      value,
      `Member must have value greater than or equal to ${range.min}`,
    );
  }
  if (value > range.max) {
    throw validationError(
      field,
      value,
      `Member must have value less than or equal to ${range.max}`,
    );
  }
  return value;
}

export function requiredArray(params: Params, field: string): unknown[] {
  const value = params[field];
  if (value === undefined || value === null) {
    throw validationError(field, undefined, 'Member must not be null');
  }
  if (!Array.isArray(value)) {
    throw new ServiceError('SerializationException', `${field} must be a list`);
  }
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names of buses, rules and targets, as the AWS model constrains them. */
export const NAME_RULES = {
  eventBus: { max: 256, pattern: /^[/.\-_A-Za-z0-9]+$/, patternText: '[/\\.\\-_A-Za-z0-9]+' },
  rule: { max: 64, pattern: /^[.\-_A-Za-z0-9]+$/, patternText: '[\\.\\-_A-Za-z0-9]+' },
  target: { max: 64, pattern: /^[.\-_A-Za-z0-9]+$/, patternText: '[\\.\\-_A-Za-z0-9]+' },
} satisfies Record<string, StringRule>;
