import type { EventPattern } from 'aws-cdk-lib/aws-events';
import { InvalidOptionError } from '../errors.js';
import { toEventPattern } from './event-bus-contract.js';
import type { EventHandlerOptions } from './event-handler-options.js';

/** The EventBridge pattern a handler's rule deploys, from exactly one of its subscription options. */
export function subscriptionPattern(
  field: string,
  options: EventHandlerOptions,
): Record<string, unknown> {
  const given = (['eventType', 'eventTypes', 'pattern'] as const).filter(
    (key) => options[key] !== undefined,
  );
  if (given.length !== 1) {
    throw new InvalidOptionError(
      `${field}.eventType`,
      'give exactly one of eventType, eventTypes or pattern',
      given.length === 0 ? 'none given' : `got ${given.join(', ')}`,
    );
  }
  if (options.eventTypes !== undefined && options.eventTypes.length === 0) {
    throw new InvalidOptionError(`${field}.eventTypes`, 'must name at least one event type');
  }
  const subscription =
    options.eventType ?? options.eventTypes ?? parsePattern(field, options.pattern);
  try {
    return toEventPattern(subscription);
  } catch (error) {
    throw new InvalidOptionError(
      `${field}.${given[0]}`,
      'is not a valid event subscription',
      error instanceof Error ? error.message : String(error),
    );
  }
}

function parsePattern(
  field: string,
  pattern: EventHandlerOptions['pattern'],
): Record<string, unknown> {
  if (typeof pattern !== 'string') return { ...pattern };
  try {
    const parsed: unknown = JSON.parse(pattern);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  throw new InvalidOptionError(`${field}.pattern`, 'must be a JSON object');
}

/**
 * CDK's `EventPattern` spells `detail-type` as `detailType` and passes every other key through
 * unchanged when rendering, so the raw EventBridge pattern only needs that one key renamed.
 */
export function toCdkEventPattern(pattern: Record<string, unknown>): EventPattern {
  const { 'detail-type': detailType, ...rest } = pattern;
  return (detailType === undefined ? rest : { ...rest, detailType }) as EventPattern;
}
