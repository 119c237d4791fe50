export type {
  DeliveryFailure,
  DeliveryOutcome,
  SinkOptions,
  TargetSink,
} from './delivery/dispatcher.js';
export type { EventBridgeEvent } from './models/event.js';
export { createEventsService, type EventsService, type EventsServiceOptions } from './service.js';
