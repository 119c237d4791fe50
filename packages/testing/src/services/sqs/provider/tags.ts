import { sqsErrors } from '../errors.js';
import type { Queue } from '../models/queue.js';
import { tagProblem } from '../models/text-rules.js';
import type { ApiInput } from '../protocol/wire.js';
import type { Operation } from './context.js';
import { optionalStringList, optionalStringMap } from './input.js';
import { queueOf } from './queue-lookup.js';

export const tagQueue: Operation = (context, input) => {
  addTags(queueOf(context, input), input, 'Tags');
  return {};
};

/** Checks every tag of `field` first, then adds them all, so a refused request changes nothing. */
export function addTags(queue: Queue, input: ApiInput, field: string): void {
  const tags = Object.entries(optionalStringMap(input, field));
  for (const [key, value] of tags) checkTag(field, key, value);
  for (const [key, value] of tags) queue.tags.set(key, value);
}

/** Refuses a tag before a queue is created with it. */
export function checkTags(input: ApiInput, field: string): void {
  for (const [key, value] of Object.entries(optionalStringMap(input, field))) {
    checkTag(field, key, value);
  }
}

function checkTag(field: string, key: string, value: string): void {
  const problem = tagProblem(key, value);
  if (problem) throw sqsErrors.invalidParameter(`${field}.${key}`, value, problem);
}

export const untagQueue: Operation = (context, input) => {
  const queue = queueOf(context, input);
  for (const key of optionalStringList(input, 'TagKeys')) queue.tags.delete(key);
  return {};
};

export const listQueueTags: Operation = (context, input) => {
  const queue = queueOf(context, input);
  return queue.tags.size > 0 ? { Tags: Object.fromEntries(queue.tags) } : {};
};
