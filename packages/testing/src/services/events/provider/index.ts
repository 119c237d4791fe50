import type { Operation } from './context.js';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from './event-buses.js';
import { putEvents } from './put-events.js';
import { deleteRule, describeRule, disableRule, enableRule, listRules, putRule } from './rules.js';
import { listTargetsByRule, putTargets, removeTargets } from './targets.js';
import { testEventPattern } from './test-event-pattern.js';

/** The operations the sandbox's EventBridge answers, by their `X-Amz-Target` name. */
export const operations: Readonly<Record<string, Operation>> = {
  CreateEventBus: createEventBus,
  DescribeEventBus: describeEventBus,
  DeleteEventBus: deleteEventBus,
  ListEventBuses: listEventBuses,
  PutRule: putRule,
  DescribeRule: describeRule,
  ListRules: listRules,
  DeleteRule: deleteRule,
  EnableRule: enableRule,
  DisableRule: disableRule,
  PutTargets: putTargets,
  RemoveTargets: removeTargets,
  ListTargetsByRule: listTargetsByRule,
  PutEvents: putEvents,
  TestEventPattern: testEventPattern,
};
