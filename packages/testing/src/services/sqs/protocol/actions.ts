/** Every SQS action this sandbox answers; anything else is `InvalidAction` / unknown operation. */
export const SQS_ACTIONS = [
  'CreateQueue',
  'GetQueueUrl',
  'ListQueues',
  'DeleteQueue',
  'PurgeQueue',
  'GetQueueAttributes',
  'SetQueueAttributes',
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
  'TagQueue',
  'UntagQueue',
  'ListQueueTags',
  'ListDeadLetterSourceQueues',
  'StartMessageMoveTask',
  'ListMessageMoveTasks',
  'CancelMessageMoveTask',
] as const;

export type SqsAction = (typeof SQS_ACTIONS)[number];

export const isSqsAction = (name: string): name is SqsAction =>
  (SQS_ACTIONS as readonly string[]).includes(name);
