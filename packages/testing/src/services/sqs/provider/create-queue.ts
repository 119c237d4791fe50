import { sqsErrors } from '../errors.js';
import { queueNameProblem } from '../models/names.js';
import { defaultAttributes, normaliseAttribute } from '../models/queue-attributes.js';
import { dictionary } from '../protocol/records.js';
import type { Operation } from './context.js';
import { optionalStringMap, requiredString } from './input.js';
import { checkRedrivePolicy } from './redrive-policy.js';
import { addTags, checkTags } from './tags.js';

/**
 * CreateQueue. Creating a queue that exists answers its URL when every attribute given matches
 * the queue's current value, and QueueNameExists (query code QueueAlreadyExists) otherwise.
 */
export const createQueue: Operation = (context, input) => {
  const name = requiredString(input, 'QueueName');
  const given = optionalStringMap(input, 'Attributes');
  const fifo = (given.FifoQueue ?? '').toLowerCase() === 'true';
  const problem = queueNameProblem(name, fifo);
  if (problem) throw sqsErrors.invalidParameter('QueueName', name, problem);
  if (!fifo && name.endsWith('.fifo')) {
    throw sqsErrors.invalidParameter(
      'QueueName',
      name,
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
  const normalised = dictionary<string>();
  for (const [attribute, value] of Object.entries(given)) {
    normalised[attribute] = normaliseAttribute(attribute, value, { fifo, creating: true });
  }
  if (normalised.RedrivePolicy) checkRedrivePolicy(context, normalised.RedrivePolicy, fifo);
  checkTags(input, 'tags');
  checkTags(input, 'Tags');

  const existing = context.registry.byName(name);
  if (existing) {
    const current = new Map(
      Object.entries({
        ...defaultAttributes(existing.fifo),
        FifoQueue: String(existing.fifo),
        ...existing.attributes,
      }),
    );
    const differs = Object.entries(normalised).some(
      ([attribute, value]) => (current.get(attribute) ?? '') !== value,
    );
    if (differs) throw sqsErrors.queueNameExists(name);
    return { QueueUrl: context.queueUrl(existing) };
  }
  const queue = context.registry.create(name, {
    ...defaultAttributes(fifo),
    // A standard queue has no FifoQueue attribute at all, even when created with `false`.
    ...Object.fromEntries(
      Object.entries(normalised).filter(
        ([attribute, value]) => value !== '' && !(attribute === 'FifoQueue' && value === 'false'),
      ),
    ),
  });
  addTags(queue, input, 'tags');
  addTags(queue, input, 'Tags');
  return { QueueUrl: context.queueUrl(queue) };
};
