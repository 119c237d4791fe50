export type {
  DeliveryFailure,
  DeliveryOutcome,
  SinkOptions,
  TargetSink,
} from './delivery/dispatcher.js';
export type { RetriesExhausted } from './delivery/retry-policy.js';
export {
  createEventsService,
  type EventsService,
  type EventsServiceBehindEdge,
  type EventsServiceOptions,
} from './service.js';
