import { sqsErrors } from '../errors.js';
import { parseRedrivePolicy } from '../models/queue-attributes.js';
import type { SqsContext } from './context.js';

/** A redrive policy must name an existing dead-letter queue of the same type (FIFO or not). */
export function checkRedrivePolicy(context: SqsContext, value: string, fifo: boolean): void {
  const policy = parseRedrivePolicy(value);
  const deadLetterQueue = context.registry.byArn(policy.deadLetterTargetArn);
  if (!deadLetterQueue) {
    throw sqsErrors.invalidAttributeValue('RedrivePolicy', 'Dead-letter target does not exist.');
  }
  if (deadLetterQueue.fifo !== fifo) {
    throw sqsErrors.invalidAttributeValue(
      'RedrivePolicy',
      'Dead-letter queue must be of the same type as the source queue (FIFO or standard).',
    );
  }
}
