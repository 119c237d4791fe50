/**
 * Bounds on what the decoders accept, far above anything a real SQS request needs: the deepest
 * query parameter is `SendMessageBatchRequestEntry.N.MessageAttribute.N.Value.StringValue`
 * (6 parts); a full batch of 10 entries with 10 attributes each is under 400 parameters; the
 * deepest JSON request nests 6 levels. They keep a hostile request from costing more than a
 * linear pass over its bytes.
 */
export const DECODING_LIMITS = {
  maximumQueryNameParts: 8,
  maximumQueryParameters: 1_000,
  maximumJsonDepth: 16,
} as const;
