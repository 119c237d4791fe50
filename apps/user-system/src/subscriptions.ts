import type { HandlerName } from './event-handlers.js';

/** Which handler hears which events: read by the CDK app and by the local run alike. */
export interface Subscription {
  readonly handler: HandlerName;
  readonly eventType: string;
}

export const subscriptions: readonly Subscription[] = [
  { handler: 'handleUserCreated', eventType: 'user.created' },
  { handler: 'handleUserActivated', eventType: 'user.activated' },
  { handler: 'handleAnyUserEvent', eventType: 'user.*' },
];

/** The handler module's path, relative to the app's folder. */
export const HANDLER_ENTRY = 'src/event-handlers.ts';
