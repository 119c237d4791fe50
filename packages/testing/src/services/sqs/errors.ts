/**
 * An SQS error as AWS reports it. `code` is the exception name SDK v3 surfaces (`QueueDoesNotExist`),
 * `queryCode` the code of the query protocol and of the `x-amzn-query-error` header
 * (`AWS.SimpleQueueService.NonExistentQueue`), which SDK v3 uses to pick the exception class.
 */
export class SqsError extends Error {
  override readonly name = 'SqsError';
  constructor(
    /** Exception name in the JSON protocol (the Smithy shape name). */
    readonly code: string,
    message: string,
    /** Error code of the query protocol; the shape name when AWS uses the same. */
    readonly queryCode: string = code,
    /** HTTP status AWS answers with. */
    readonly status = 400,
    /** `Sender` for caller mistakes, `Receiver` for service faults. */
    readonly fault: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

/** The errors the operations raise, named after AWS's exceptions. */
export const sqsErrors = {
  queueDoesNotExist: () =>
    new SqsError(
      'QueueDoesNotExist',
      'The specified queue does not exist.',
      'AWS.SimpleQueueService.NonExistentQueue',
    ),
  queueNameExists: (name: string) =>
    new SqsError(
      'QueueNameExists',
      `A queue already exists with the same name and a different value for attribute(s) of ${name}.`,
      'QueueAlreadyExists',
    ),
  invalidParameterValue: (message: string) => new SqsError('InvalidParameterValue', message),
  invalidParameter: (name: string, value: unknown, reason: string) =>
    new SqsError(
      'InvalidParameterValue',
      `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`,
    ),
  missingParameter: (name: string) =>
    new SqsError(
      'MissingParameter',
      `The request must contain the parameter ${name}.`,
      'MissingParameter',
    ),
  invalidAttributeName: (name: string) =>
    new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`),
  invalidAttributeValue: (name: string, reason: string) =>
    new SqsError(
      'InvalidAttributeValue',
      `Invalid value for the parameter ${name}. Reason: ${reason}`,
    ),
  malformedQueryString: () =>
    new SqsError(
      'MalformedQueryString',
      'The request body is not form-encoded UTF-8: a byte or %-escape does not decode.',
    ),
  invalidMessageContents: () =>
    new SqsError(
      'InvalidMessageContents',
      'Invalid characters found. Valid characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    ),
  receiptHandleIsInvalid: (handle: string) =>
    new SqsError(
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${handle}" is not a valid receipt handle.`,
      'ReceiptHandleIsInvalid',
      404,
    ),
  messageNotInflight: () =>
    new SqsError(
      'MessageNotInflight',
      'The message referred to is not in flight.',
      'AWS.SimpleQueueService.MessageNotInflight',
    ),
  emptyBatchRequest: () =>
    new SqsError(
      'EmptyBatchRequest',
      'There should be at least one entry in the request.',
      'AWS.SimpleQueueService.EmptyBatchRequest',
    ),
  tooManyEntriesInBatchRequest: (count: number) =>
    new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${count}.`,
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    ),
  batchEntryIdsNotDistinct: (id: string) =>
    new SqsError(
      'BatchEntryIdsNotDistinct',
      `Id ${id} repeated.`,
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
    ),
  invalidBatchEntryId: () =>
    new SqsError(
      'InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      'AWS.SimpleQueueService.InvalidBatchEntryId',
    ),
  batchRequestTooLong: (limit: number) =>
    new SqsError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${limit} bytes.`,
      'AWS.SimpleQueueService.BatchRequestTooLong',
    ),
  invalidAction: (action: string) =>
    new SqsError(
      'InvalidAction',
      `The action ${shortened(action)} is not valid for this endpoint.`,
      'InvalidAction',
    ),
  invalidAddress: (url: string) =>
    new SqsError(
      'InvalidAddress',
      `The address ${url} is not valid for this endpoint.`,
      'InvalidAddress',
      404,
    ),
  parameterNestedTooDeeply: (name: string, limit: number) =>
    new SqsError(
      'InvalidParameterValue',
      `The parameter ${shortened(name)} is invalid. Reason: a parameter name may have at most ${limit} dot-separated parts.`,
    ),
  tooManyParameters: (name: string, limit: number) =>
    new SqsError(
      'InvalidParameterValue',
      `The parameter ${shortened(name)} is invalid. Reason: a request may have at most ${limit} parameters.`,
    ),
  requestNestedTooDeeply: (limit: number) =>
    new SqsError(
      'SerializationException',
      `The request body is invalid: its JSON nests more than ${limit} levels deep.`,
    ),
  unsupportedOperation: (message: string) =>
    new SqsError('UnsupportedOperation', message, 'AWS.SimpleQueueService.UnsupportedOperation'),
} as const;

/** Request text quoted in a message, cut short so a hostile name cannot blow up the answer. */
function shortened(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
