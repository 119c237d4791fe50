import { sqsErrors } from '../errors.js';
import type { Operation } from './context.js';
import { optionalString, requiredString } from './input.js';

export const getQueueUrl: Operation = (context, input) => {
  const name = requiredString(input, 'QueueName');
  const owner = optionalString(input, 'QueueOwnerAWSAccountId');
  const queue =
    owner === undefined || owner === context.registry.accountId
      ? context.registry.byName(name)
      : undefined;
  if (!queue) throw sqsErrors.queueDoesNotExist();
  return { QueueUrl: context.queueUrl(queue) };
};
