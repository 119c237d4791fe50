import { randomUUID } from 'node:crypto';
import type { ServiceResponse } from '../../../edge/service.js';
import type { SqsError } from '../errors.js';
import { replaceNonXmlCharacters } from '../models/text-rules.js';
import type { ApiOutput } from './wire.js';

const NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';
const CONTENT_TYPE = 'text/xml';

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
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body:
      `<?xml version="1.0"?><${action}Response xmlns="${NAMESPACE}">${result}` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

export function encodeXmlError(error: SqsError): ServiceResponse {
  const requestId = randomUUID();
  return {
    status: error.status,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body:
      `<?xml version="1.0"?><ErrorResponse xmlns="${NAMESPACE}"><Error>` +
      `<Type>${error.fault}</Type><Code>${escapeXml(error.queryCode)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message><Detail/></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

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

/**
 * Escapes text content; carriage returns are kept as references so parsers don't fold them.
 * Characters XML 1.0 cannot carry at all (not even as references) become U+FFFD. Input checks
 * keep them out of stored data; this guards echoed request text, as in error messages.
 */
export function escapeXml(text: string): string {
  return replaceNonXmlCharacters(text).replace(/[&<>"'\r]/g, (character) => {
    switch (character) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return '&#xD;';
    }
  });
}
