import type { SandboxClock } from '../../../clock.js';
import type { DeliveryDispatcher } from '../delivery/dispatcher.js';
import type { EventsStore } from '../models/store.js';

/** What every EventBridge operation works with. */
export interface EventsContext {
  readonly store: EventsStore;
  readonly clock: SandboxClock;
  readonly dispatcher: DeliveryDispatcher;
}

/** One operation: the request's members in, the response's members out. */
export type Operation = (
  context: EventsContext,
  params: Readonly<Record<string, unknown>>,
) => unknown;

/** JSON 1.1 timestamps are epoch seconds. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
