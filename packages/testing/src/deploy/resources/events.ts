import type { SandboxApi } from '../sandbox-api.js';
import {
  generatedName,
  optionalString,
  type ProviderContext,
  type ResourceProvider,
  type ResourceState,
} from './provider.js';

/** AWS::Events::EventBus. `Ref` is its name. */
export const eventsEventBus: ResourceProvider = {
  effect: 'created',
  replaceOn: ['Name'],
  async create(properties, context) {
    const name = optionalString(properties, 'Name') ?? generatedName(context, 256);
    const { EventBusArn } = await context.api.call('events', 'CreateEventBus', {
      Name: name,
      ...(properties.Description !== undefined && { Description: String(properties.Description) }),
    });
    return { physicalId: name, attributes: { Arn: String(EventBusArn), Name: name } };
  },
  async update(previous) {
    return previous;
  },
  async delete(state, context) {
    await context.api.call('events', 'DeleteEventBus', { Name: state.physicalId });
  },
};

interface RuleState extends ResourceState {
  readonly attributes: {
    readonly Arn: string;
    readonly EventBusName: string;
    readonly TargetIds: readonly string[];
  };
}

/** An event bus given by name or ARN, as the API takes it: the name. */
function busName(value: unknown): string {
  const text = value === undefined ? 'default' : String(value);
  return text.startsWith('arn:') ? text.slice(text.lastIndexOf('/') + 1) : text;
}

async function putRule(
  name: string,
  properties: Readonly<Record<string, unknown>>,
  context: ProviderContext,
  previousTargets: readonly string[],
): Promise<RuleState> {
  const eventBusName = busName(properties.EventBusName);
  const pattern = properties.EventPattern;
  const { RuleArn } = await context.api.call('events', 'PutRule', {
    Name: name,
    EventBusName: eventBusName,
    State: optionalString(properties, 'State') ?? 'ENABLED',
    ...(pattern !== undefined && {
      EventPattern: typeof pattern === 'string' ? pattern : JSON.stringify(pattern),
    }),
    ...(properties.ScheduleExpression !== undefined && {
      ScheduleExpression: String(properties.ScheduleExpression),
    }),
    ...(properties.Description !== undefined && { Description: String(properties.Description) }),
  });
  const targets = Array.isArray(properties.Targets)
    ? (properties.Targets as Record<string, unknown>[])
    : [];
  const targetIds = targets.map((target) => String(target.Id));
  const removed = previousTargets.filter((id) => !targetIds.includes(id));
  if (removed.length > 0) {
    await context.api.call('events', 'RemoveTargets', {
      Rule: name,
      EventBusName: eventBusName,
      Ids: removed,
    });
  }
  if (targets.length > 0) await putTargets(context.api, name, eventBusName, targets);
  context.iam.putDeployedRule(String(RuleArn));
  return {
    physicalId: name,
    attributes: { Arn: String(RuleArn), EventBusName: eventBusName, TargetIds: targetIds },
  };
}

async function putTargets(
  api: SandboxApi,
  rule: string,
  eventBusName: string,
  targets: readonly Record<string, unknown>[],
): Promise<void> {
  const answer = await api.call('events', 'PutTargets', {
    Rule: rule,
    EventBusName: eventBusName,
    Targets: targets,
  });
  const failed = (answer.FailedEntries ?? []) as {
    TargetId?: string;
    ErrorCode?: string;
    ErrorMessage?: string;
  }[];
  if (failed.length > 0) {
    throw new Error(
      failed
        .map((entry) => `target ${entry.TargetId}: ${entry.ErrorCode}: ${entry.ErrorMessage}`)
        .join('; '),
    );
  }
}

/** AWS::Events::Rule with its targets. `Ref` is the rule's name. */
export const eventsRule: ResourceProvider = {
  effect: 'created',
  replaceOn: ['Name', 'EventBusName'],
  create(properties, context) {
    return putRule(
      optionalString(properties, 'Name') ?? generatedName(context, 64),
      properties,
      context,
      [],
    );
  },
  update(previous, properties, context) {
    const { TargetIds } = (previous as RuleState).attributes;
    return putRule(previous.physicalId, properties, context, TargetIds);
  },
  async delete(state, context) {
    const { EventBusName, TargetIds, Arn } = (state as RuleState).attributes;
    context.iam.deleteDeployedRule(Arn);
    if (TargetIds.length > 0) {
      await context.api.call('events', 'RemoveTargets', {
        Rule: state.physicalId,
        EventBusName,
        Ids: TargetIds,
      });
    }
    await context.api.call('events', 'DeleteRule', { Name: state.physicalId, EventBusName });
  },
};
