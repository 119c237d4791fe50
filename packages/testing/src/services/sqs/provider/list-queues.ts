import { sqsErrors } from '../errors.js';
import { SQS_LIMITS } from '../limits.js';
import type { Operation } from './context.js';
import { optionalInteger, optionalString } from './input.js';

/**
 * ListQueues, by name prefix. Without MaxResults AWS answers up to 1000 URLs and no token;
 * with it, pages of that size and a NextToken (here: the last name of the page, base64).
 */
export const listQueues: Operation = (context, input) => {
  const prefix = optionalString(input, 'QueueNamePrefix') ?? '';
  const maxResults = optionalInteger(input, 'MaxResults', 1, SQS_LIMITS.maximumListQueuesResults);
  const token = optionalString(input, 'NextToken');
  if (token !== undefined && maxResults === undefined) {
    throw sqsErrors.invalidParameterValue('MaxResults is required when NextToken is given.');
  }
  const after = token === undefined ? undefined : Buffer.from(token, 'base64').toString('utf8');
  const matching = context.registry
    .list()
    .filter((queue) => queue.name.startsWith(prefix))
    .filter((queue) => after === undefined || queue.name > after);
  const page = matching.slice(0, maxResults ?? SQS_LIMITS.maximumListQueuesResults);
  const more = maxResults !== undefined && matching.length > page.length;
  const last = page.at(-1);
  return {
    ...(page.length > 0 ? { QueueUrls: page.map((queue) => context.queueUrl(queue)) } : {}),
    ...(more && last ? { NextToken: Buffer.from(last.name, 'utf8').toString('base64') } : {}),
  };
};
