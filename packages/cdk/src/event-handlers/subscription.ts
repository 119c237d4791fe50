import { type EventPattern, type EventSubscription, toEventPattern } from '@davinci/event-bus';
import type { EventPattern as CdkEventPattern } from 'aws-cdk-lib/aws-events';
import { InvalidOptionError } from '../errors.js';
import type { AddEventHandlerOptions } from './event-handler-options.js';

/** The EventBridge pattern a handler's rule deploys, from exactly one of its subscription options. */
export function subscriptionPattern(field: string, options: AddEventHandlerOptions): EventPattern {
  const given = (['eventType', 'eventTypes', 'pattern'] as const).filter(
    (key) => options[key] !== undefined,
  );
  const [option] = given;
  if (option === undefined || given.length > 1) {
    throw new InvalidOptionError(
      `${field}.eventType`,
      'give exactly one of eventType, eventTypes or pattern',
      option === undefined ? 'none given' : `got ${given.join(', ')}`,
    );
  }
  const subscription = options.eventType ?? options.eventTypes ?? options.pattern;
  if (
    option === 'pattern' &&
    typeof subscription === 'string' &&
    !subscription.trimStart().startsWith('{')
  ) {
    throw new InvalidOptionError(`${field}.pattern`, 'must be an object or the JSON text of one');
  }
  try {
    return toEventPattern(subscription as EventSubscription);
  } catch (error) {
    throw new InvalidOptionError(
      `${field}.${option}`,
      'is not a valid event subscription',
      error instanceof Error ? error.message : String(error),
    );
  }
}

/**
 * CDK's `EventPattern` spells `detail-type` as `detailType` and passes every other key through
 * unchanged when rendering, so the raw EventBridge pattern only needs that one key renamed.
 */
export function toCdkEventPattern(pattern: EventPattern): CdkEventPattern {
  const { 'detail-type': detailType, ...rest } = pattern;
  return (detailType === undefined ? rest : { ...rest, detailType }) as CdkEventPattern;
}
