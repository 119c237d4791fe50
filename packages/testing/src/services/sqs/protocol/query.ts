import type { ServiceRequest } from '../../../edge/service.js';
import { isStrictFormEncoding, utf8Text } from '../../../edge/strict-text.js';
import { sqsErrors } from '../errors.js';
import { buildQueryTree, type QueryTree } from './query-tree.js';
import { type Dictionary, dictionary } from './records.js';
import type { ApiInput } from './wire.js';

/**
 * The query protocol (what the AWS CLI 2.9 speaks): `Action=…&Version=2012-11-05&…`, form-encoded
 * in a POST body or in a GET's query string, with lists and maps flattened into numbered keys
 * (`AttributeName.1`, `Attribute.1.Name`/`Attribute.1.Value`, `SendMessageBatchRequestEntry.2.Id`).
 * Decoding turns those into the JSON protocol's shapes so that one provider serves both.
 */

/** Flattened lists of strings: query member name → API field. */
const STRING_LISTS: ReadonlyMap<string, string> = new Map([
  ['AttributeName', 'AttributeNames'],
  ['MessageAttributeName', 'MessageAttributeNames'],
  ['MessageSystemAttributeName', 'MessageSystemAttributeNames'],
  ['TagKey', 'TagKeys'],
]);

/** Flattened maps: query member name → [API field, key member, value member]. */
const MAPS: ReadonlyMap<string, readonly [string, string, string]> = new Map([
  ['Attribute', ['Attributes', 'Name', 'Value']],
  ['MessageAttribute', ['MessageAttributes', 'Name', 'Value']],
  ['MessageSystemAttribute', ['MessageSystemAttributes', 'Name', 'Value']],
  ['Tag', ['Tags', 'Key', 'Value']],
] as const);

/** Flattened lists of batch entries; each entry is decoded with the same rules. */
const ENTRY_LISTS: ReadonlySet<string> = new Set([
  'SendMessageBatchRequestEntry',
  'DeleteMessageBatchRequestEntry',
  'ChangeMessageVisibilityBatchRequestEntry',
]);

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * Parameters of a query-protocol request (query string and form body), or undefined when it has
 * no `Action`. Any action is taken, so that an unknown one is answered with the query protocol's
 * InvalidAction error rather than falling through to another service.
 */
export function queryParameters(request: ServiceRequest): URLSearchParams | undefined {
  if (request.headers['x-amz-target'] !== undefined) return undefined;
  const parameters = new URLSearchParams(request.query);
  const contentType = request.headers['content-type'] ?? '';
  if (request.method === 'POST' && contentType.startsWith(FORM_CONTENT_TYPE)) {
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) {
      parameters.append(key, value);
    }
  }
  return parameters.has('Action') ? parameters : undefined;
}

/** True when the request's signature, if any, is for another service than SQS. */
export function signedForAnotherService(request: ServiceRequest): boolean {
  const scope = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(
    request.headers.authorization ?? '',
  );
  return scope?.[1] !== undefined && scope[1] !== 'sqs';
}

/**
 * The request's input in the JSON protocol's shapes. Throws InvalidParameterValue when a
 * parameter name has too many parts or the request too many parameters (see DECODING_LIMITS).
 */
export function decodeQueryRequest(
  request: ServiceRequest,
  parameters: URLSearchParams,
): { action: string; input: ApiInput } {
  const form = request.method === 'POST' ? utf8Text(request.body) : '';
  if (form === undefined || !isStrictFormEncoding(form)) throw sqsErrors.malformedQueryString();
  const input = decodeStructure(buildQueryTree(parameters));
  // The CLI may address the queue by the request path instead of a QueueUrl parameter.
  if (input.QueueUrl === undefined && /^\/[^/]+\/[^/]+\/?$/.test(request.path)) {
    input.QueueUrl = request.path;
  }
  return { action: parameters.get('Action') ?? '', input };
}

/**
 * Recursion here is bounded: buildQueryTree refuses names of more than
 * DECODING_LIMITS.maximumQueryNameParts parts, so trees are at most that deep.
 */
function decodeStructure(tree: QueryTree): Dictionary<unknown> {
  const output = dictionary<unknown>();
  for (const [key, value] of tree) {
    const listField = STRING_LISTS.get(key);
    const map = MAPS.get(key);
    if (listField && typeof value !== 'string') {
      output[listField] = numbered(value).filter(
        (item): item is string => typeof item === 'string',
      );
    } else if (map && typeof value !== 'string') {
      const [field, keyMember, valueMember] = map;
      const decoded = dictionary<unknown>();
      for (const entry of numbered(value)) {
        if (typeof entry === 'string') continue;
        const name = entry.get(keyMember);
        const member = entry.get(valueMember);
        if (typeof name !== 'string' || member === undefined) continue;
        decoded[name] = typeof member === 'string' ? member : decodeStructure(member);
      }
      output[field] = decoded;
    } else if (ENTRY_LISTS.has(key) && typeof value !== 'string') {
      output.Entries = numbered(value)
        .filter((entry): entry is QueryTree => typeof entry !== 'string')
        .map(decodeStructure);
    } else {
      output[key] = typeof value === 'string' ? value : decodeStructure(value);
    }
  }
  return output;
}

/** The members `1`, `2`, … of a flattened list, in numeric order. */
function numbered(tree: QueryTree): (QueryTree | string)[] {
  return [...tree]
    .filter(([key]) => /^\d+$/.test(key))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, member]) => member);
}
