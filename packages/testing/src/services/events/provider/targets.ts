import { ServiceError } from '../../../edge/service-error.js';
import type { EventsContext } from './context.js';
import { paginate } from './pagination.js';
import {
  NAME_RULES,
  optionalString,
  type Params,
  requiredArray,
  requiredString,
  validationError,
} from './params.js';
import { readTarget } from './target-definition.js';

/** AWS allows five targets per rule. */
const MAX_TARGETS_PER_RULE = 5;

export function putTargets(context: EventsContext, params: Params) {
  const rule = context.store.requireRule(
    requiredString(params, 'Rule', NAME_RULES.rule),
    optionalString(params, 'EventBusName'),
  );
  const entries = requiredArray(params, 'Targets');
  if (entries.length < 1 || entries.length > 10) {
    throw validationError(
      'Targets',
      `${entries.length} targets`,
      entries.length < 1
        ? 'Member must have length greater than or equal to 1'
        : 'Member must have length less than or equal to 10',
    );
  }
  // Everything is checked before anything is stored: a bad target leaves the rule unchanged.
  const targets = entries.map((entry, index) => readTarget(entry, index));
  const ids = new Set([...rule.targets.keys(), ...targets.map((target) => target.definition.Id)]);
  if (ids.size > MAX_TARGETS_PER_RULE) {
    throw new ServiceError(
      'LimitExceededException',
      `The requested resource exceeds the maximum number allowed: a rule has at most ${MAX_TARGETS_PER_RULE} targets.`,
    );
  }
  for (const target of targets) rule.targets.set(target.definition.Id, target);
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function removeTargets(context: EventsContext, params: Params) {
  const rule = context.store.requireRule(
    requiredString(params, 'Rule', NAME_RULES.rule),
    optionalString(params, 'EventBusName'),
  );
  const ids = requiredArray(params, 'Ids');
  if (ids.length < 1 || ids.length > 100) {
    throw validationError('Ids', `${ids.length} ids`, 'Member must have length between 1 and 100');
  }
  for (const id of ids) {
    if (typeof id !== 'string')
      throw new ServiceError('SerializationException', 'Ids must be strings');
    rule.targets.delete(id);
  }
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export function listTargetsByRule(context: EventsContext, params: Params) {
  const rule = context.store.requireRule(
    requiredString(params, 'Rule', NAME_RULES.rule),
    optionalString(params, 'EventBusName'),
  );
  const targets = [...rule.targets.values()].map((target) => target.definition);
  const { page, nextToken } = paginate(targets, params);
  return { Targets: page, ...(nextToken && { NextToken: nextToken }) };
}
