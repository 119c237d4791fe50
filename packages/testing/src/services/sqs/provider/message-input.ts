import { createHash } from 'node:crypto';
import { sqsErrors } from '../errors.js';
import { SQS_LIMITS } from '../limits.js';
import type { MessageAttributes, MessageAttributeValue } from '../models/message.js';
import type { NewMessage, Queue } from '../models/queue.js';
import { hasNonXmlCharacter } from '../models/text-rules.js';
import { dictionary, ownValue } from '../protocol/records.js';
import type { ApiInput } from '../protocol/wire.js';
import { optionalInteger, optionalString, optionalStructureMap, requiredString } from './input.js';

const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\..{1,250})?$/u;
/** Standard base64 with padding, as the SDKs send binary values. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Group and deduplication ids: 1–128 printable ASCII characters. */
const FIFO_ID = /^[\x21-\x7E]{1,128}$/;

/**
 * Validates one message to send (SendMessage, a batch entry, or an EventBridge delivery) against
 * the queue it goes to, and returns it ready to enqueue. `input` uses SendMessage's field names.
 */
export function readNewMessage(queue: Queue, input: ApiInput, senderId: string): NewMessage {
  const body = requiredString(input, 'MessageBody');
  if (body.length === 0) {
    throw sqsErrors.invalidParameter('MessageBody', '', 'The message body must be non-empty.');
  }
  if (hasNonXmlCharacter(body)) throw sqsErrors.invalidMessageContents();
  const messageAttributes = readMessageAttributes(input, 'MessageAttributes');
  const systemAttributes = readMessageAttributes(input, 'MessageSystemAttributes');
  for (const name of Object.keys(systemAttributes)) {
    if (name !== 'AWSTraceHeader') {
      throw sqsErrors.invalidParameter(
        'MessageSystemAttributes',
        name,
        'Only AWSTraceHeader is supported.',
      );
    }
  }
  const size = messageSize(body, messageAttributes);
  if (size > queue.maximumMessageSize) {
    throw sqsErrors.invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${queue.maximumMessageSize} bytes.`,
    );
  }
  const delaySeconds = optionalInteger(input, 'DelaySeconds', 0, SQS_LIMITS.maximumDelaySeconds);
  const messageGroupId = optionalString(input, 'MessageGroupId');
  let messageDeduplicationId = optionalString(input, 'MessageDeduplicationId');
  if (messageGroupId !== undefined && !FIFO_ID.test(messageGroupId)) {
    throw sqsErrors.invalidParameter(
      'MessageGroupId',
      messageGroupId,
      'must be 1 to 128 printable ASCII characters.',
    );
  }
  if (messageDeduplicationId !== undefined && !FIFO_ID.test(messageDeduplicationId)) {
    throw sqsErrors.invalidParameter(
      'MessageDeduplicationId',
      messageDeduplicationId,
      'must be 1 to 128 printable ASCII characters.',
    );
  }
  if (queue.fifo) {
    if (messageGroupId === undefined) throw sqsErrors.missingParameter('MessageGroupId');
    if (delaySeconds !== undefined && delaySeconds !== 0) {
      throw sqsErrors.invalidParameter(
        'DelaySeconds',
        delaySeconds,
        'The request include parameter that is not valid for this queue type.',
      );
    }
    if (messageDeduplicationId === undefined) {
      if (!queue.contentBasedDeduplication) {
        throw sqsErrors.invalidParameterValue(
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      }
      // Content-based deduplication hashes the body only, as AWS does.
      messageDeduplicationId = createHash('sha256').update(body, 'utf8').digest('hex');
    }
  } else if (messageDeduplicationId !== undefined) {
    throw sqsErrors.invalidParameter(
      'MessageDeduplicationId',
      messageDeduplicationId,
      'The request include parameter that is not valid for this queue type.',
    );
  }
  return {
    body,
    messageAttributes,
    systemAttributes,
    delaySeconds,
    messageGroupId,
    messageDeduplicationId,
    senderId,
  };
}

/** Bytes a message counts against MaximumMessageSize: body plus every attribute's parts. */
export function messageSize(body: string, attributes: MessageAttributes): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.DataType, 'utf8');
    size +=
      attribute.BinaryValue !== undefined
        ? attribute.BinaryValue.length
        : Buffer.byteLength(attribute.StringValue ?? '', 'utf8');
  }
  return size;
}

function readMessageAttributes(input: ApiInput, field: string): MessageAttributes {
  const raw = optionalStructureMap(input, field);
  const names = Object.keys(raw);
  if (names.length > SQS_LIMITS.maximumMessageAttributes) {
    throw sqsErrors.invalidParameterValue(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${SQS_LIMITS.maximumMessageAttributes}].`,
    );
  }
  const attributes = dictionary<MessageAttributeValue>();
  for (const [name, value] of Object.entries(raw)) {
    attributes[name] = readMessageAttribute(name, value);
  }
  return attributes;
}

function readMessageAttribute(name: string, value: ApiInput): MessageAttributeValue {
  if (
    !ATTRIBUTE_NAME.test(name) ||
    /^(aws|amazon)\./i.test(name) ||
    name.startsWith('.') ||
    name.endsWith('.') ||
    name.includes('..')
  ) {
    throw sqsErrors.invalidParameterValue(
      `Message (user) attribute name '${name}' is invalid: use 1 to 256 of A-Z, a-z, 0-9, '_', '-', '.', without a leading, trailing or repeated '.', and not starting with 'AWS.' or 'Amazon.'.`,
    );
  }
  const dataType = ownValue(value, 'DataType');
  if (typeof dataType !== 'string' || dataType === '') {
    throw sqsErrors.invalidParameterValue(
      `The message attribute '${name}' must contain non-empty message attribute type.`,
    );
  }
  if (!DATA_TYPE.test(dataType) || hasNonXmlCharacter(dataType)) {
    throw sqsErrors.invalidParameterValue(
      `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
    );
  }
  if (dataType.startsWith('Binary')) {
    const binary = ownValue(value, 'BinaryValue');
    if (typeof binary !== 'string' || binary === '') {
      throw sqsErrors.invalidParameterValue(
        `The message attribute '${name}' with type 'Binary' must use field 'Binary'.`,
      );
    }
    if (!BASE64.test(binary)) {
      throw sqsErrors.invalidParameterValue(
        `The message attribute '${name}' has an invalid binary value: it must be base64-encoded.`,
      );
    }
    return { DataType: dataType, BinaryValue: Buffer.from(binary, 'base64') };
  }
  const text = ownValue(value, 'StringValue');
  if (typeof text !== 'string' || text === '') {
    throw sqsErrors.invalidParameterValue(
      `Message (user) attribute '${name}' must contain a non-empty message attribute value for message attribute type '${dataType.split('.')[0]}'.`,
    );
  }
  if (hasNonXmlCharacter(text)) throw sqsErrors.invalidMessageContents();
  if (dataType.startsWith('Number') && !Number.isFinite(Number(text))) {
    throw sqsErrors.invalidParameterValue(
      `Can't cast the value of message (user) attribute '${name}' to a number.`,
    );
  }
  return { DataType: dataType, StringValue: text };
}
