import { ServiceError } from '../../edge/service-error.js';

/**
 * The errors the operations raise, named after AWS's exceptions. `code` is the shape name of the
 * JSON protocol, `queryCode` the code of the query protocol and of `x-amzn-query-error` where SQS
 * uses another one there; SDK v3 picks the exception class from the latter.
 */
export const sqsErrors = {
  queueDoesNotExist: () =>
    new ServiceError('QueueDoesNotExist', 'The specified queue does not exist.', {
      queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
    }),
  queueNameExists: (name: string) =>
    new ServiceError(
      'QueueNameExists',
      `A queue already exists with the same name and a different value for attribute(s) of ${name}.`,
      { queryCode: 'QueueAlreadyExists' },
    ),
  invalidParameterValue: (message: string) => new ServiceError('InvalidParameterValue', message),
  invalidParameter: (name: string, value: unknown, reason: string) =>
    new ServiceError(
      'InvalidParameterValue',
      `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`,
    ),
  missingParameter: (name: string) =>
    new ServiceError('MissingParameter', `The request must contain the parameter ${name}.`),
  invalidAttributeName: (name: string) =>
    new ServiceError('InvalidAttributeName', `Unknown Attribute ${name}.`),
  invalidAttributeValue: (name: string, reason: string) =>
    new ServiceError(
      'InvalidAttributeValue',
      `Invalid value for the parameter ${name}. Reason: ${reason}`,
    ),
  malformedQueryString: () =>
    new ServiceError(
      'MalformedQueryString',
      'The request body is not form-encoded UTF-8: a byte or %-escape does not decode.',
    ),
  invalidMessageContents: () =>
    new ServiceError(
      'InvalidMessageContents',
      'Invalid characters found. Valid characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    ),
  receiptHandleIsInvalid: (handle: string) =>
    new ServiceError(
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${handle}" is not a valid receipt handle.`,
      { status: 404 },
    ),
  messageNotInflight: () =>
    new ServiceError('MessageNotInflight', 'The message referred to is not in flight.', {
      queryCode: 'AWS.SimpleQueueService.MessageNotInflight',
    }),
  emptyBatchRequest: () =>
    new ServiceError('EmptyBatchRequest', 'There should be at least one entry in the request.', {
      queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest',
    }),
  tooManyEntriesInBatchRequest: (count: number) =>
    new ServiceError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${count}.`,
      { queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest' },
    ),
  batchEntryIdsNotDistinct: (id: string) =>
    new ServiceError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, {
      queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
    }),
  invalidBatchEntryId: () =>
    new ServiceError(
      'InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      { queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId' },
    ),
  batchRequestTooLong: (limit: number) =>
    new ServiceError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${limit} bytes.`,
      { queryCode: 'AWS.SimpleQueueService.BatchRequestTooLong' },
    ),
  invalidAction: (action: string) =>
    new ServiceError(
      'InvalidAction',
      `The action ${shortened(action)} is not valid for this endpoint.`,
    ),
  invalidAddress: (url: string) =>
    new ServiceError('InvalidAddress', `The address ${url} is not valid for this endpoint.`, {
      status: 404,
    }),
  parameterNestedTooDeeply: (name: string, limit: number) =>
    new ServiceError(
      'InvalidParameterValue',
      `The parameter ${shortened(name)} is invalid. Reason: a parameter name may have at most ${limit} dot-separated parts.`,
    ),
  tooManyParameters: (name: string, limit: number) =>
    new ServiceError(
      'InvalidParameterValue',
      `The parameter ${shortened(name)} is invalid. Reason: a request may have at most ${limit} parameters.`,
    ),
  requestNestedTooDeeply: (limit: number) =>
    new ServiceError(
      'SerializationException',
      `The request body is invalid: its JSON nests more than ${limit} levels deep.`,
    ),
  resourceNotFound: (message: string) =>
    new ServiceError('ResourceNotFoundException', message, { status: 404 }),
  unsupportedOperation: (message: string) =>
    new ServiceError('UnsupportedOperation', message, {
      queryCode: 'AWS.SimpleQueueService.UnsupportedOperation',
    }),
} as const;

/** Request text quoted in a message, cut short so a hostile name cannot blow up the answer. */
function shortened(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
