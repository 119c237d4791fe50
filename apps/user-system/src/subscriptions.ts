import type { HandlerName } from './event-handlers.js';

/** Which handler hears which events: read by the CDK app and by the local run alike. */
export interface Subscription {
  readonly handler: HandlerName;
  readonly eventType: string;
  /** Tables the handler writes, by logical name. */
  readonly writes: readonly string[];
  /** The handler applies each event once (`createEventHandler({ idempotency: true })`). */
  readonly idempotency: boolean;
}

export const subscriptions: readonly Subscription[] = [
  { handler: 'handleUserCreated', eventType: 'user.created', writes: [], idempotency: false },
  {
    handler: 'handleUserActivated',
    eventType: 'user.activated',
    writes: ['user_stats'],
    idempotency: true,
  },
  { handler: 'handleAnyUserEvent', eventType: 'user.*', writes: ['user_stats'], idempotency: true },
];

/** The handler module's path, relative to the app's folder. */
export const HANDLER_ENTRY = 'src/event-handlers.ts';
