import { randomUUID } from 'node:crypto';
import { QUERY_CONTENT_TYPE, queryErrorResponse } from '../../../edge/query-protocol.js';
import type { ServiceResponse } from '../../../edge/service.js';
import type { ServiceError } from '../../../edge/service-error.js';
import { escapeXml } from '../../../edge/xml-text.js';
import type { ApiOutput } from './wire.js';

const NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

/**
 * Renders an operation's JSON-shaped answer the way the query protocol answers:
 * `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…</ResponseMetadata>`, with
 * lists and maps flattened (`<QueueUrl>` repeated, `<Attribute><Name/><Value/></Attribute>`).
 */
export function encodeXmlResponse(action: string, output: ApiOutput): ServiceResponse {
  const requestId = randomUUID();
  const members = encodeMembers(action, output);
  const result =
    Object.keys(output).length > 0 ? `<${action}Result>${members}</${action}Result>` : '';
  return {
    status: 200,
    headers: { 'content-type': QUERY_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body:
      `<?xml version="1.0"?><${action}Response xmlns="${NAMESPACE}">${result}` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

export const encodeXmlError = (error: ServiceError): ServiceResponse =>
  queryErrorResponse(error, NAMESPACE);

function encodeMembers(action: string, structure: ApiOutput): string {
  let xml = '';
  for (const [key, value] of Object.entries(structure)) {
    if (value === undefined || value === null) continue;
    xml += encodeMember(action, key, value);
  }
  return xml;
}

function encodeMember(action: string, key: string, value: unknown): string {
  switch (key) {
    case 'QueueUrls':
    case 'queueUrls':
      return repeated('QueueUrl', value, (url) => escapeXml(String(url)));
    case 'Messages':
      return repeated('Message', value, (message) => encodeMembers(action, asStructure(message)));
    case 'Successful':
      return repeated(`${action}ResultEntry`, value, (entry) =>
        encodeMembers(action, asStructure(entry)),
      );
    case 'Failed':
      return repeated('BatchResultErrorEntry', value, (entry) =>
        encodeMembers(action, asStructure(entry)),
      );
    case 'Results':
      return repeated('ListMessageMoveTasksResultEntry', value, (entry) =>
        encodeMembers(action, asStructure(entry)),
      );
    case 'Attributes':
      return flattenedMap('Attribute', 'Name', 'Value', value, (v) => escapeXml(String(v)));
    case 'MessageAttributes':
      return flattenedMap('MessageAttribute', 'Name', 'Value', value, (v) =>
        encodeMembers(action, asStructure(v)),
      );
    case 'Tags':
      return flattenedMap('Tag', 'Key', 'Value', value, (v) => escapeXml(String(v)));
    default:
      return typeof value === 'object'
        ? `<${key}>${encodeMembers(action, asStructure(value))}</${key}>`
        : `<${key}>${escapeXml(String(value))}</${key}>`;
  }
}

function repeated(element: string, value: unknown, encode: (item: unknown) => string): string {
  if (!Array.isArray(value)) return '';
  return value.map((item) => `<${element}>${encode(item)}</${element}>`).join('');
}

function flattenedMap(
  element: string,
  keyElement: string,
  valueElement: string,
  value: unknown,
  encode: (item: unknown) => string,
): string {
  return Object.entries(asStructure(value))
    .map(
      ([name, item]) =>
        `<${element}><${keyElement}>${escapeXml(name)}</${keyElement}>` +
        `<${valueElement}>${encode(item)}</${valueElement}></${element}>`,
    )
    .join('');
}

const asStructure = (value: unknown): ApiOutput =>
  typeof value === 'object' && value !== null ? (value as ApiOutput) : {};
