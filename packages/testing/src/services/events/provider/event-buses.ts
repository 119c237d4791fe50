import { ServiceError } from '../../../edge/service-error.js';
import { busNameOf, DEFAULT_BUS_NAME } from '../models/arns.js';
import { EventBus } from '../models/event-bus.js';
import { type EventsContext, epochSeconds } from './context.js';
import { paginate } from './pagination.js';
import { isRecord, NAME_RULES, optionalString, type Params, requiredString } from './params.js';

export function createEventBus(context: EventsContext, params: Params) {
  const name = requiredString(params, 'Name', NAME_RULES.eventBus);
  if (name.startsWith('aws.')) {
    // Names under aws. belong to partner event sources, which the sandbox does not have.
    throw new ServiceError('ValidationException', `Event source ${name} does not exist.`);
  }
  if (context.store.buses.has(name)) {
    throw new ServiceError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
  }
  const description = optionalString(params, 'Description', { min: 0, max: 512 });
  const deadLetter = params.DeadLetterConfig;
  const deadLetterArn =
    isRecord(deadLetter) && typeof deadLetter.Arn === 'string' ? deadLetter.Arn : undefined;
  const bus = new EventBus(
    context.store.scope,
    name,
    context.clock.now(),
    description,
    deadLetterArn,
  );
  context.store.buses.set(name, bus);
  return {
    EventBusArn: bus.arn,
    ...(description !== undefined && { Description: description }),
    ...(deadLetterArn !== undefined && { DeadLetterConfig: { Arn: deadLetterArn } }),
  };
}

export function describeEventBus(context: EventsContext, params: Params) {
  return busView(context.store.requireBus(optionalString(params, 'Name')));
}

export function deleteEventBus(context: EventsContext, params: Params) {
  const name = busNameOf(requiredString(params, 'Name', NAME_RULES.eventBus));
  if (name === DEFAULT_BUS_NAME) {
    throw new ServiceError('ValidationException', 'Cannot delete event bus default.');
  }
  // Deleting a bus that does not exist succeeds, as in AWS.
  context.store.buses.delete(name);
  return {};
}

export function listEventBuses(context: EventsContext, params: Params) {
  const prefix = optionalString(params, 'NamePrefix') ?? '';
  const buses = [...context.store.buses.values()].filter((bus) => bus.name.startsWith(prefix));
  const { page, nextToken } = paginate(buses, params);
  return { EventBuses: page.map(busView), ...(nextToken && { NextToken: nextToken }) };
}

function busView(bus: EventBus) {
  return {
    Name: bus.name,
    Arn: bus.arn,
    ...(bus.description !== undefined && { Description: bus.description }),
    ...(bus.deadLetterArn !== undefined && { DeadLetterConfig: { Arn: bus.deadLetterArn } }),
    CreationTime: epochSeconds(bus.creationTime),
    LastModifiedTime: epochSeconds(bus.lastModifiedTime),
  };
}
