import type { EventsScope } from './arns.js';
import { eventBusArn } from './arns.js';
import type { Rule } from './rule.js';

/** An event bus and the rules on it (rules keep their creation order, as listings show them). */
export class EventBus {
  readonly arn: string;
  readonly rules = new Map<string, Rule>();
  lastModifiedTime: number;

  constructor(
    scope: EventsScope,
    readonly name: string,
    readonly creationTime: number,
    /** Free text given at creation. */
    readonly description?: string,
    /** Where events that cannot be delivered go, when the bus has a dead-letter queue. */
    readonly deadLetterArn?: string,
  ) {
    this.arn = eventBusArn(scope, name);
    this.lastModifiedTime = creationTime;
  }
}
