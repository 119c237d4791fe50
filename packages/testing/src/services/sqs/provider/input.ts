import { sqsErrors } from '../errors.js';
import { dictionary, ownValue } from '../protocol/records.js';
import type { ApiInput } from '../protocol/wire.js';

/**
 * Readers for request fields. Both protocols arrive here in the JSON shapes, except that the
 * query protocol sends every scalar as a string; numbers and booleans therefore accept both.
 * Fields are read as own entries only, and maps come back without a prototype, so request keys
 * such as `__proto__` stay plain keys.
 */

export function requiredString(input: ApiInput, field: string): string {
  const value = ownValue(input, field);
  if (value === undefined || value === null) throw sqsErrors.missingParameter(field);
  if (typeof value !== 'string') {
    throw sqsErrors.invalidParameter(field, JSON.stringify(value), 'must be a string.');
  }
  return value;
}

export function optionalString(input: ApiInput, field: string): string | undefined {
  const value = ownValue(input, field);
  return value === undefined || value === null ? undefined : requiredString(input, field);
}

export function optionalInteger(
  input: ApiInput,
  field: string,
  min: number,
  max: number,
): number | undefined {
  const value = ownValue(input, field);
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw sqsErrors.invalidParameter(
      field,
      value,
      `must be between ${min} and ${max}, if provided.`,
    );
  }
  return number;
}

export function requiredInteger(input: ApiInput, field: string, min: number, max: number): number {
  const number = optionalInteger(input, field, min, max);
  if (number === undefined) throw sqsErrors.missingParameter(field);
  return number;
}

export function optionalStringList(input: ApiInput, field: string): string[] {
  const value = ownValue(input, field);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw sqsErrors.invalidParameter(field, JSON.stringify(value), 'must be a list of strings.');
  }
  return value as string[];
}

export function optionalStringMap(input: ApiInput, field: string): Record<string, string> {
  const value = ownValue(input, field);
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw sqsErrors.invalidParameter(field, JSON.stringify(value), 'must be a map of strings.');
  }
  const map = dictionary<string>();
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') {
      throw sqsErrors.invalidParameter(
        `${field}.${key}`,
        JSON.stringify(item),
        'must be a string.',
      );
    }
    map[key] = item;
  }
  return map;
}

export function optionalStructureMap(input: ApiInput, field: string): Record<string, ApiInput> {
  const value = ownValue(input, field);
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw sqsErrors.invalidParameter(field, JSON.stringify(value), 'must be a map.');
  }
  const map = dictionary<ApiInput>();
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw sqsErrors.invalidParameter(
        `${field}.${key}`,
        JSON.stringify(item),
        'must be a structure.',
      );
    }
    map[key] = item as ApiInput;
  }
  return map;
}

/** The `Entries` of a batch request; its size rules are the batch's own. */
export function batchEntries(input: ApiInput): ApiInput[] {
  const value = ownValue(input, 'Entries');
  if (value === undefined || value === null) throw sqsErrors.missingParameter('Entries');
  if (!Array.isArray(value)) {
    throw sqsErrors.invalidParameter('Entries', JSON.stringify(value), 'must be a list.');
  }
  return value.map((entry, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw sqsErrors.invalidParameter(
        `Entries.${index + 1}`,
        JSON.stringify(entry),
        'must be a structure.',
      );
    }
    return entry as ApiInput;
  });
}
