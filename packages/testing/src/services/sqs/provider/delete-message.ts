import { runBatch } from './batch.js';
import type { Operation } from './context.js';
import { requiredString } from './input.js';
import { queueOf } from './queue-lookup.js';

export const deleteMessage: Operation = (context, input) => {
  queueOf(context, input).deleteMessage(requiredString(input, 'ReceiptHandle'));
  return {};
};

/** DeleteMessageBatch: a malformed or foreign handle fails its entry only. */
export const deleteMessageBatch: Operation = (context, input) => {
  const queue = queueOf(context, input);
  return runBatch(input, (entry) => {
    queue.deleteMessage(requiredString(entry, 'ReceiptHandle'));
    return {};
  });
};
