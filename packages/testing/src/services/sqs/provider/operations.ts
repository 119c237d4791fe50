import type { SqsAction } from '../protocol/actions.js';
import {
  changeMessageVisibility,
  changeMessageVisibilityBatch,
} from './change-message-visibility.js';
import type { Operation } from './context.js';
import { createQueue } from './create-queue.js';
import { deleteMessage, deleteMessageBatch } from './delete-message.js';
import { deleteQueue, purgeQueue } from './delete-queue.js';
import { getQueueUrl } from './get-queue-url.js';
import { listDeadLetterSourceQueues } from './list-dead-letter-source-queues.js';
import { listQueues } from './list-queues.js';
import {
  cancelMessageMoveTask,
  listMessageMoveTasks,
  startMessageMoveTask,
} from './message-move-tasks.js';
import { getQueueAttributes, setQueueAttributes } from './queue-attributes.js';
import { receiveMessage } from './receive-message.js';
import { sendMessage, sendMessageBatch } from './send-message.js';
import { listQueueTags, tagQueue, untagQueue } from './tags.js';

/** Every action's implementation, one module per concern. */
export const OPERATIONS: Readonly<Record<SqsAction, Operation>> = {
  CreateQueue: createQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  DeleteQueue: deleteQueue,
  PurgeQueue: purgeQueue,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
  TagQueue: tagQueue,
  UntagQueue: untagQueue,
  ListQueueTags: listQueueTags,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
  StartMessageMoveTask: startMessageMoveTask,
  ListMessageMoveTasks: listMessageMoveTasks,
  CancelMessageMoveTask: cancelMessageMoveTask,
};
