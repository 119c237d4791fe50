import { randomUUID } from 'node:crypto';
import type { ServiceRequest, ServiceResponse } from '../../../edge/service.js';
import { ServiceError } from '../../../edge/service-error.js';
import { utf8Text } from '../../../edge/strict-text.js';

/**
 * SES v2 speaks REST-JSON: the operation is the method and path (`POST /v2/email/outbound-emails`),
 * the input a JSON body, path segments and query parameters. Errors carry the exception's name in
 * `x-amzn-ErrorType` and a JSON body `{ "message": … }`, from which SDK v3 raises the typed
 * exception (`MessageRejected`, `NotFoundException`, …).
 */

/** Every SES v2 path starts here. */
export const SES_PATH_PREFIX = '/v2/email/';

export const isSesRequest = (request: ServiceRequest): boolean =>
  request.path.startsWith(SES_PATH_PREFIX);

/** SES requests are told apart before their body is read by their signature's scope. */
export function isSesSigned(headers: Readonly<Record<string, string>>): boolean {
  return /\/ses\/aws4_request/.test(headers.authorization ?? '');
}

/** A JSON object read from a request; members are only ever read as own entries. */
export type JsonObject = Readonly<Record<string, unknown>>;

export function sesResponse(body: object, status = 200): ServiceResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(body),
  };
}

export function sesErrorResponse(error: ServiceError): ServiceResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': randomUUID(),
      'x-amzn-ErrorType': error.code,
    },
    body: JSON.stringify({ message: error.message }),
  };
}

/** The errors SES v2 answers with, by the names its SDK's exceptions have. */
export const sesErrors = {
  badRequest: (message: string) => new ServiceError('BadRequestException', message),
  /** AWS's validation wording for a required member that is missing. */
  missing: (member: string) =>
    new ServiceError(
      'BadRequestException',
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    ),
  invalidType: (member: string, expected: string) =>
    new ServiceError(
      'BadRequestException',
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be ${expected}`,
    ),
  messageRejected: (message: string) => new ServiceError('MessageRejected', message),
  notFound: (message: string) => new ServiceError('NotFoundException', message, { status: 404 }),
  alreadyExists: (message: string) => new ServiceError('AlreadyExistsException', message),
  unknownOperation: (request: ServiceRequest) =>
    new ServiceError(
      'UnknownOperationException',
      `The sandbox's SES does not serve ${request.method} ${shortened(request.path)}.`,
      { status: 404 },
    ),
} as const;

/** The body as a JSON object; an empty body is `{}`. */
export function jsonBody(request: ServiceRequest): JsonObject {
  const text = utf8Text(request.body);
  if (text === undefined) throw sesErrors.badRequest('The request body is not valid UTF-8.');
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw sesErrors.badRequest('The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw sesErrors.badRequest('The request body must be a JSON object.');
  }
  return body as JsonObject;
}

/** `object[key]` when it is the object's own member, never an inherited one. */
export const member = (object: JsonObject, key: string): unknown =>
  Object.hasOwn(object, key) ? object[key] : undefined;

/** `path` names the member in error messages, as AWS does: `content.simple.subject`. */
export function optionalObject(
  object: JsonObject,
  key: string,
  path: string,
): JsonObject | undefined {
  const value = member(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw sesErrors.invalidType(path, 'a structure');
  return value as JsonObject;
}

export function requiredObject(object: JsonObject, key: string, path: string): JsonObject {
  const value = optionalObject(object, key, path);
  if (value === undefined) throw sesErrors.missing(path);
  return value;
}

export function optionalString(object: JsonObject, key: string, path: string): string | undefined {
  const value = member(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw sesErrors.invalidType(path, 'a string');
  return value;
}

export function requiredString(object: JsonObject, key: string, path: string): string {
  const value = optionalString(object, key, path);
  if (value === undefined) throw sesErrors.missing(path);
  return value;
}

export function stringList(object: JsonObject, key: string, path: string): string[] {
  const value = member(object, key);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw sesErrors.invalidType(path, 'a list of strings');
  }
  return value as string[];
}

/** Request text quoted in a message, cut short so a hostile value cannot blow up the answer. */
export function shortened(text: string): string {
  return text.length > 320 ? `${text.slice(0, 320)}…` : text;
}
