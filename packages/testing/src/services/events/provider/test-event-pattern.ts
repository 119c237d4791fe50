import { ServiceError } from '../../../edge/service-error.js';
import type { EventsContext } from './context.js';
import { compilePatternText } from './event-pattern.js';
import { isRecord, type Params, requiredString } from './params.js';

/** Fields AWS requires of the test event (`resources` is documented as required but is not). */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export function testEventPattern(_context: EventsContext, params: Params) {
  const pattern = requiredString(params, 'EventPattern', { max: 4096 });
  const eventText = requiredString(params, 'Event');
  let event: unknown;
  try {
    event = JSON.parse(eventText);
  } catch {
    throw new ServiceError('ValidationException', 'Parameter Event is not valid.');
  }
  if (!isRecord(event) || REQUIRED_EVENT_FIELDS.some((field) => !(field in event))) {
    throw new ServiceError('ValidationException', 'Parameter Event is not valid.');
  }
  return { Result: compilePatternText(pattern)(event) };
}
