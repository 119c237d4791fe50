import { ServiceError } from '../../../edge/service-error.js';
import { ruleArn } from '../models/arns.js';
import type { Rule, RuleState } from '../models/rule.js';
import type { EventsContext } from './context.js';
import { compilePatternText } from './event-pattern.js';
import { paginate } from './pagination.js';
import { NAME_RULES, optionalString, type Params, requiredString } from './params.js';

const STATES: readonly RuleState[] = [
  'ENABLED',
  'DISABLED',
  'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
];

/** Creates or replaces a rule; a replaced rule keeps its targets, as in AWS. */
export function putRule(context: EventsContext, params: Params) {
  const name = requiredString(params, 'Name', NAME_RULES.rule);
  const bus = context.store.requireBus(optionalString(params, 'EventBusName'));
  const schedule = optionalString(params, 'ScheduleExpression', { max: 256 });
  if (schedule !== undefined) {
    throw new ServiceError(
      'ValidationException',
      `ScheduleExpression is not supported by the sandbox (rule ${name}): scheduled rules would never fire here. Use an EventPattern rule, or invoke the target directly in tests.`,
    );
  }
  const eventPattern = optionalString(params, 'EventPattern', { max: 4096 });
  if (eventPattern === undefined) {
    throw new ServiceError(
      'ValidationException',
      'Parameter(s) EventPattern or ScheduleExpression must be specified.',
    );
  }
  const matches = compilePatternText(eventPattern);
  const state = (optionalString(params, 'State') ?? 'ENABLED') as RuleState;
  if (!STATES.includes(state)) {
    throw new ServiceError(
      'ValidationException',
      `1 validation error detected: Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [${STATES.join(', ')}]`,
    );
  }
  const description = optionalString(params, 'Description', { min: 0, max: 512 });
  const roleArn = optionalString(params, 'RoleArn', { max: 1600 });
  const existing = bus.rules.get(name);
  const rule: Rule = {
    name,
    arn: ruleArn(context.store.scope, bus.name, name),
    busName: bus.name,
    eventPattern,
    matches,
    state,
    ...(description !== undefined && { description }),
    ...(roleArn !== undefined && { roleArn }),
    targets: existing?.targets ?? new Map(),
  };
  bus.rules.set(name, rule);
  return { RuleArn: rule.arn };
}

export function describeRule(context: EventsContext, params: Params) {
  const rule = context.store.requireRule(
    requiredString(params, 'Name', NAME_RULES.rule),
    optionalString(params, 'EventBusName'),
  );
  return { ...ruleView(rule), CreatedBy: context.store.scope.accountId };
}

export function listRules(context: EventsContext, params: Params) {
  const bus = context.store.requireBus(optionalString(params, 'EventBusName'));
  const prefix = optionalString(params, 'NamePrefix', NAME_RULES.rule) ?? '';
  const rules = [...bus.rules.values()].filter((rule) => rule.name.startsWith(prefix));
  const { page, nextToken } = paginate(rules, params);
  return { Rules: page.map(ruleView), ...(nextToken && { NextToken: nextToken }) };
}

/** Fails while the rule has targets, like AWS; deleting a missing rule succeeds. */
export function deleteRule(context: EventsContext, params: Params) {
  const name = requiredString(params, 'Name', NAME_RULES.rule);
  const bus = context.store.requireBus(optionalString(params, 'EventBusName'));
  const rule = bus.rules.get(name);
  if (!rule) return {};
  if (rule.targets.size > 0) {
    throw new ServiceError('ValidationException', "Rule can't be deleted since it has targets.");
  }
  bus.rules.delete(name);
  return {};
}

export function enableRule(context: EventsContext, params: Params) {
  return setState(context, params, 'ENABLED');
}

export function disableRule(context: EventsContext, params: Params) {
  return setState(context, params, 'DISABLED');
}

function setState(context: EventsContext, params: Params, state: RuleState) {
  const rule = context.store.requireRule(
    requiredString(params, 'Name', NAME_RULES.rule),
    optionalString(params, 'EventBusName'),
  );
  rule.state = state;
  return {};
}

function ruleView(rule: Rule) {
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: rule.eventPattern,
    State: rule.state,
    ...(rule.description !== undefined && { Description: rule.description }),
    ...(rule.roleArn !== undefined && { RoleArn: rule.roleArn }),
    EventBusName: rule.busName,
  };
}
