import { sqsErrors } from '../errors.js';
import type { Queue } from '../models/queue.js';
import { isKnownAttribute, normaliseAttribute } from '../models/queue-attributes.js';
import { dictionary } from '../protocol/records.js';
import type { Operation } from './context.js';
import { optionalStringList, optionalStringMap } from './input.js';
import { queueOf } from './queue-lookup.js';
import { checkRedrivePolicy } from './redrive-policy.js';

/** GetQueueAttributes: `All`, or the names asked for (an unknown name is InvalidAttributeName). */
export const getQueueAttributes: Operation = (context, input) => {
  const queue = queueOf(context, input);
  const names = optionalStringList(input, 'AttributeNames');
  for (const name of names) {
    if (name !== 'All' && !isKnownAttribute(name)) throw sqsErrors.invalidAttributeName(name);
  }
  const all = currentAttributes(queue);
  const wanted = names.includes('All') ? [...all.keys()] : names;
  const Attributes = dictionary<string>();
  for (const name of wanted) {
    const value = all.get(name);
    if (value !== undefined) Attributes[name] = value;
  }
  return Object.keys(Attributes).length > 0 ? { Attributes } : {};
};

/** SetQueueAttributes: validated first, applied together. FifoQueue cannot change. */
export const setQueueAttributes: Operation = (context, input) => {
  const queue = queueOf(context, input);
  const given = optionalStringMap(input, 'Attributes');
  const normalised = dictionary<string>();
  for (const [name, value] of Object.entries(given)) {
    normalised[name] = normaliseAttribute(name, value, { fifo: queue.fifo, creating: false });
  }
  if (normalised.RedrivePolicy) checkRedrivePolicy(context, normalised.RedrivePolicy, queue.fifo);
  queue.setAttributes(normalised);
  return {};
};

/** Every attribute the queue has now, computed ones included. */
function currentAttributes(queue: Queue): Map<string, string> {
  const counts = queue.counts();
  return new Map(
    Object.entries({
      QueueArn: queue.arn,
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
      ApproximateNumberOfMessagesDelayed: String(counts.delayed),
      CreatedTimestamp: String(queue.createdTimestamp),
      LastModifiedTimestamp: String(queue.lastModifiedTimestamp),
      ...queue.attributes,
    }),
  );
}
