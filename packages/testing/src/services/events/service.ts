import type { SandboxClock } from '../../clock.js';
import { AwsJsonError } from '../../edge/json-protocol.js';
import { SANDBOX_ACCOUNT_ID, SANDBOX_REGION, type SandboxService } from '../../edge/service.js';
import {
  DeliveryDispatcher,
  type DeliveryFailure,
  type TargetSink,
} from './delivery/dispatcher.js';
import { EventsStore } from './models/store.js';
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

/** The sandbox's EventBridge: buses, rules, targets, PutEvents and delivery to targets. */
export interface EventsService extends SandboxService {
  readonly store: EventsStore;
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

export function createEventsService(options: EventsServiceOptions): EventsService {
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
    async handle(request) {
      try {
        const name = operationName(request);
        const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
        if (!operation) {
          throw new AwsJsonError(
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
