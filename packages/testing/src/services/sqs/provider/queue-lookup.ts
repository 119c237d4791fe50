import type { ApiInput } from '../protocol/wire.js';
import type { SqsContext } from './context.js';
import { requiredString } from './input.js';

/** The queue a request's `QueueUrl` names (any host); throws QueueDoesNotExist. */
export const queueOf = (context: SqsContext, input: ApiInput) =>
  context.registry.byUrl(requiredString(input, 'QueueUrl'));
