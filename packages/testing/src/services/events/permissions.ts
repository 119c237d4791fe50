import type { RequiredPermission, ServiceRequest } from '../../edge/service.js';
import { busNameOf, type EventsScope, eventBusArn, ruleArn } from './models/arns.js';
import { operationName, parseParams } from './protocol.js';

/** Operations on a rule, named by `Name` or `Rule` with the bus in `EventBusName`. */
const RULE_OPERATIONS = new Set([
  'PutRule',
  'DeleteRule',
  'DescribeRule',
  'EnableRule',
  'DisableRule',
  'PutTargets',
  'RemoveTargets',
  'ListTargetsByRule',
]);

/** Operations on a bus named by `Name`. */
const BUS_OPERATIONS = new Set(['CreateEventBus', 'DeleteEventBus', 'DescribeEventBus']);

/**
 * What an EventBridge request needs, as the Service Authorization Reference lists it:
 * `events:PutEvents` on the ARN of each bus its entries name (`default` when none), rule
 * operations on the rule's ARN, bus operations on the bus's ARN, the rest on `*`.
 */
export function eventsPermissions(
  request: ServiceRequest,
  scope: EventsScope,
): RequiredPermission[] {
  const operation = operationName(request);
  let params: Record<string, unknown>;
  try {
    params = parseParams(request);
  } catch {
    return [];
  }
  const action = `events:${operation}`;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  if (operation === 'PutEvents') {
    const entries = Array.isArray(params.Entries) ? params.Entries : [];
    const buses = new Set(
      entries.map((entry) =>
        eventBusArn(scope, busNameOf(text((entry as Record<string, unknown>)?.EventBusName))),
      ),
    );
    return [{ action, resources: buses.size > 0 ? [...buses] : [eventBusArn(scope, 'default')] }];
  }
  if (RULE_OPERATIONS.has(operation)) {
    const name = text(params.Name) ?? text(params.Rule) ?? '';
    return [{ action, resources: [ruleArn(scope, busNameOf(text(params.EventBusName)), name)] }];
  }
  if (BUS_OPERATIONS.has(operation)) {
    return [{ action, resources: [eventBusArn(scope, busNameOf(text(params.Name)))] }];
  }
  return [{ action, resources: ['*'] }];
}
