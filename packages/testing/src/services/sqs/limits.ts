/** SQS quotas and defaults, as AWS documents them (seconds unless the name says otherwise). */
export const SQS_LIMITS = {
  /** Default `MaximumMessageSize`: 256 KiB, body and message attributes together. */
  defaultMaximumMessageSizeBytes: 262_144,
  minimumMessageSizeBytes: 1_024,
  /** The highest `MaximumMessageSize` a queue may be given (1 MiB). */
  maximumMessageSizeBytes: 1_048_576,
  /** A whole SendMessageBatch request may not exceed this (sum of its entries). */
  maximumBatchPayloadBytes: 262_144,
  maximumDelaySeconds: 900,
  maximumVisibilityTimeoutSeconds: 43_200,
  defaultVisibilityTimeoutSeconds: 30,
  minimumRetentionSeconds: 60,
  maximumRetentionSeconds: 1_209_600,
  defaultRetentionSeconds: 345_600,
  maximumWaitTimeSeconds: 20,
  maximumMessagesPerReceive: 10,
  maximumBatchEntries: 10,
  maximumMessageAttributes: 10,
  maximumReceiveCount: 1_000,
  /** FIFO deduplication interval. */
  deduplicationWindowSeconds: 300,
  maximumQueueNameLength: 80,
  maximumListQueuesResults: 1_000,
} as const;
