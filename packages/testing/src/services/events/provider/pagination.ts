import { ServiceError } from '../../../edge/service-error.js';
import { optionalInteger, optionalString, type Params } from './params.js';

/**
 * One page of a listing (`Limit` 1–100, opaque `NextToken`). Tokens are offsets; listings are
 * in creation order, so a token stays meaningful while nothing is deleted in between.
 */
export function paginate<T>(
  items: readonly T[],
  params: Params,
): { page: T[]; nextToken?: string } {
  const limit = optionalInteger(params, 'Limit', { min: 1, max: 100 }) ?? 100;
  const token = optionalString(params, 'NextToken');
  const start = token === undefined ? 0 : decode(token);
  const end = start + limit;
  const page = items.slice(start, end);
  return end < items.length ? { page, nextToken: encode(end) } : { page };
}

function encode(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

function decode(token: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    const offset = (parsed as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw new ServiceError('ValidationException', 'The NextToken provided is invalid.');
}
