import type { SandboxClock } from '../../clock.js';
import { SANDBOX_ACCOUNT_ID, SANDBOX_REGION, type SandboxService } from '../../edge/service.js';
import { ServiceError } from '../../edge/service-error.js';
import {
  DeliveryDispatcher,
  type DeliveryFailure,
  type TargetSink,
} from './delivery/dispatcher.js';
import { EventsStore } from './models/store.js';
import { eventsPermissions } from './permissions.js';
import {
  EVENTS_BODY_LIMIT,
  failure,
  isEventsRequest,
  isEventsTarget,
  operationName,
  parseParams,
  success,
} from './protocol.js';
import type { EventsContext } from './provider/context.js';
import { operations } from './provider/index.js';

export interface EventsServiceOptions {
  /** The clock event times, delivery retries and failure records read. */
  clock: SandboxClock;
  /** Region in ARNs and events. Default: `us-east-1`. */
  region?: string;
  /** Account in ARNs and events. Default: `000000000000`. */
  accountId?: string;
  /**
   * Where targets are delivered, by the ARN's service (`sqs` → the SQS service's `deliver`).
   * More can be attached later with `attachTargetSink`. Default: none (deliveries fail, recorded).
   */
  sinks?: Readonly<Record<string, TargetSink>>;
  /** Called for every delivery that failed; failures are also kept (see `deliveryFailures`). */
  onDeliveryFailure?: (failure: DeliveryFailure) => void;
}

/** `sandbox.events`: what a test does with the sandbox's EventBridge besides calling its API. */
export interface EventsService {
  /** Lets a service receive deliveries for ARNs of its kind (`lambda`, …). */
  attachTargetSink(service: string, sink: TargetSink): void;
  /**
   * Resolves once every event accepted so far has been delivered or recorded as failed, waiting
   * for scheduled retries too: a target that keeps failing transiently holds it for as long as
   * its `RetryPolicy` allows on the sandbox clock (pass a fast clock, or a small policy).
   */
  drain(): Promise<void>;
  /** Deliveries that failed (and events accepted for buses that do not exist), oldest first. */
  deliveryFailures(): readonly DeliveryFailure[];
}

/**
 * The sandbox's EventBridge as the edge runs it: buses, rules, targets, PutEvents and delivery
 * to targets, plus `EventsService`.
 */
export interface EventsServiceBehindEdge extends EventsService, SandboxService {
  readonly store: EventsStore;
}

export function createEventsService(options: EventsServiceOptions): EventsServiceBehindEdge {
  const scope = {
    region: options.region ?? SANDBOX_REGION,
    accountId: options.accountId ?? SANDBOX_ACCOUNT_ID,
  };
  const sinks = new Map(Object.entries(options.sinks ?? {}));
  const store = new EventsStore(scope, options.clock.now());
  const dispatcher = new DeliveryDispatcher(sinks, options.clock, options.onDeliveryFailure);
  const context: EventsContext = { store, clock: options.clock, dispatcher };
  return {
    name: 'events',
    store,
    accepts: isEventsRequest,
    bodyLimit: (headers) => (isEventsTarget(headers) ? EVENTS_BODY_LIMIT : undefined),
    permissions: (request) => eventsPermissions(request, scope),
    async handle(request) {
      try {
        const name = operationName(request);
        const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
        if (!operation) {
          throw new ServiceError(
            'UnknownOperationException',
            `EventBridge operation ${name} is not supported by the sandbox.`,
          );
        }
        return success(operation(context, parseParams(request)));
      } catch (error) {
        return failure(error);
      }
    },
    attachTargetSink(service, sink) {
      sinks.set(service, sink);
    },
    drain: () => dispatcher.drain(),
    deliveryFailures: () => dispatcher.failures(),
    close: () => dispatcher.close(),
  };
}
