import type { ServiceRequest } from '../../../edge/service.js';
import { isSqsAction } from './actions.js';
import type { ApiInput } from './wire.js';

/**
 * The query protocol (what the AWS CLI 2.9 speaks): `Action=…&Version=2012-11-05&…`, form-encoded
 * in a POST body or in a GET's query string, with lists and maps flattened into numbered keys
 * (`AttributeName.1`, `Attribute.1.Name`/`Attribute.1.Value`, `SendMessageBatchRequestEntry.2.Id`).
 * Decoding turns those into the JSON protocol's shapes so that one provider serves both.
 */

/** Flattened lists of strings: query member name → API field. */
const STRING_LISTS: Readonly<Record<string, string>> = {
  AttributeName: 'AttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  TagKey: 'TagKeys',
};

/** Flattened maps: query member name → [API field, key member, value member]. */
const MAPS: Readonly<Record<string, readonly [string, string, string]>> = {
  Attribute: ['Attributes', 'Name', 'Value'],
  MessageAttribute: ['MessageAttributes', 'Name', 'Value'],
  MessageSystemAttribute: ['MessageSystemAttributes', 'Name', 'Value'],
  Tag: ['Tags', 'Key', 'Value'],
};

/** Flattened lists of batch entries; each entry is decoded with the same rules. */
const ENTRY_LISTS: ReadonlySet<string> = new Set([
  'SendMessageBatchRequestEntry',
  'DeleteMessageBatchRequestEntry',
  'ChangeMessageVisibilityBatchRequestEntry',
]);

type Tree = { [key: string]: Tree | string };

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Parameters of a query-protocol request (query string and form body), or undefined. */
export function queryParameters(request: ServiceRequest): URLSearchParams | undefined {
  if (request.headers['x-amz-target'] !== undefined) return undefined;
  const parameters = new URLSearchParams(request.query);
  const contentType = request.headers['content-type'] ?? '';
  if (request.method === 'POST' && contentType.startsWith(FORM_CONTENT_TYPE)) {
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) {
      parameters.append(key, value);
    }
  }
  const action = parameters.get('Action');
  return action !== null && isSqsAction(action) ? parameters : undefined;
}

/** True when the request's signature, if any, is for another service than SQS. */
export function signedForAnotherService(request: ServiceRequest): boolean {
  const scope = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(
    request.headers.authorization ?? '',
  );
  return scope?.[1] !== undefined && scope[1] !== 'sqs';
}

export function decodeQueryRequest(
  request: ServiceRequest,
  parameters: URLSearchParams,
): { action: string; input: ApiInput } {
  const tree: Tree = {};
  for (const [key, value] of parameters) {
    if (key === 'Action' || key === 'Version') continue;
    insert(tree, key.split('.'), value);
  }
  const input = decodeStructure(tree);
  // The CLI may address the queue by the request path instead of a QueueUrl parameter.
  if (input.QueueUrl === undefined && /^\/[^/]+\/[^/]+\/?$/.test(request.path)) {
    input.QueueUrl = request.path;
  }
  return { action: parameters.get('Action') ?? '', input };
}

function insert(tree: Tree, path: readonly string[], value: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    tree[head] = value;
    return;
  }
  let child = tree[head];
  if (typeof child !== 'object') {
    child = {};
    tree[head] = child;
  }
  insert(child, rest, value);
}

function decodeStructure(tree: Tree): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    const listField = STRING_LISTS[key];
    const map = MAPS[key];
    if (listField && typeof value === 'object') {
      output[listField] = numbered(value).filter(
        (item): item is string => typeof item === 'string',
      );
    } else if (map && typeof value === 'object') {
      const [field, keyMember, valueMember] = map;
      const decoded: Record<string, unknown> = {};
      for (const entry of numbered(value)) {
        if (typeof entry !== 'object') continue;
        const name = entry[keyMember];
        const member = entry[valueMember];
        if (typeof name !== 'string' || member === undefined) continue;
        decoded[name] = typeof member === 'string' ? member : decodeStructure(member);
      }
      output[field] = decoded;
    } else if (ENTRY_LISTS.has(key) && typeof value === 'object') {
      output.Entries = numbered(value)
        .filter((entry): entry is Tree => typeof entry === 'object')
        .map(decodeStructure);
    } else {
      output[key] = typeof value === 'string' ? value : decodeStructure(value);
    }
  }
  return output;
}

/** The members `1`, `2`, … of a flattened list, in numeric order. */
function numbered(tree: Tree): (Tree | string)[] {
  return Object.keys(tree)
    .filter((key) => /^\d+$/.test(key))
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => tree[key] as Tree | string);
}
