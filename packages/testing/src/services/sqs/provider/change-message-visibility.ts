import { SQS_LIMITS } from '../limits.js';
import { runBatch } from './batch.js';
import type { Operation } from './context.js';
import { requiredInteger, requiredString } from './input.js';
import { queueOf } from './queue-lookup.js';

const MAX = SQS_LIMITS.maximumVisibilityTimeoutSeconds;

/** ChangeMessageVisibility: restarts an in-flight message's timeout from now (0: visible now). */
export const changeMessageVisibility: Operation = (context, input) => {
  queueOf(context, input).changeVisibility(
    requiredString(input, 'ReceiptHandle'),
    requiredInteger(input, 'VisibilityTimeout', 0, MAX),
  );
  return {};
};

export const changeMessageVisibilityBatch: Operation = (context, input) => {
  const queue = queueOf(context, input);
  return runBatch(input, (entry) => {
    queue.changeVisibility(
      requiredString(entry, 'ReceiptHandle'),
      requiredInteger(entry, 'VisibilityTimeout', 0, MAX),
    );
    return {};
  });
};
