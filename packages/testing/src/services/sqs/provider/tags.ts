import type { Operation } from './context.js';
import { optionalStringList, optionalStringMap } from './input.js';
import { queueOf } from './queue-lookup.js';

export const tagQueue: Operation = (context, input) => {
  const queue = queueOf(context, input);
  for (const [key, value] of Object.entries(optionalStringMap(input, 'Tags'))) {
    queue.tags.set(key, value);
  }
  return {};
};

export const untagQueue: Operation = (context, input) => {
  const queue = queueOf(context, input);
  for (const key of optionalStringList(input, 'TagKeys')) queue.tags.delete(key);
  return {};
};

export const listQueueTags: Operation = (context, input) => {
  const queue = queueOf(context, input);
  return queue.tags.size > 0 ? { Tags: Object.fromEntries(queue.tags) } : {};
};
