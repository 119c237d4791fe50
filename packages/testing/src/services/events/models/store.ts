import { ServiceError } from '../../../edge/service-error.js';
import { busNameOf, DEFAULT_BUS_NAME, type EventsScope } from './arns.js';
import { EventBus } from './event-bus.js';
import type { Rule } from './rule.js';

/** Every bus of the sandbox's one account and region; the `default` bus always exists. */
export class EventsStore {
  readonly buses = new Map<string, EventBus>();

  constructor(
    readonly scope: EventsScope,
    now: number,
  ) {
    this.buses.set(DEFAULT_BUS_NAME, new EventBus(scope, DEFAULT_BUS_NAME, now));
  }

  /** The bus named (or ARN'd) by an `EventBusName` parameter; the default bus when absent. */
  requireBus(nameOrArn: string | undefined): EventBus {
    const name = busNameOf(nameOrArn);
    const bus = this.buses.get(name);
    if (!bus)
      throw new ServiceError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
    return bus;
  }

  requireRule(ruleName: string, busNameOrArn: string | undefined): Rule {
    const bus = this.requireBus(busNameOrArn);
    const rule = bus.rules.get(ruleName);
    if (!rule) {
      throw new ServiceError(
        'ResourceNotFoundException',
        `Rule ${ruleName} does not exist on EventBus ${bus.name}.`,
      );
    }
    return rule;
  }
}
