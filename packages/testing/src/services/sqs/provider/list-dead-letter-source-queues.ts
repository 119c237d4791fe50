import type { Operation } from './context.js';
import { queueOf } from './queue-lookup.js';

/** The queues whose redrive policy points at this one. */
export const listDeadLetterSourceQueues: Operation = (context, input) => {
  const deadLetterQueue = queueOf(context, input);
  const sources = context.registry
    .list()
    .filter((queue) => queue.redrivePolicy?.deadLetterTargetArn === deadLetterQueue.arn);
  return { queueUrls: sources.map((queue) => context.queueUrl(queue)) };
};
