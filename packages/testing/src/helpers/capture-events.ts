import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@davinci/event-bus';
import { sandboxApi } from '../deploy/sandbox-api.js';
import type { Sandbox } from '../sandbox.js';
import { type WaitForOptions, waitFor } from './wait-for.js';

/** An event as EventBridge delivers it to a target: its envelope, `detail` as it was put. */
export type CapturedEvent = Omit<EventEnvelope<unknown>, 'davinci'>;

/** Options of {@link captureEvents}. */
export interface CaptureEventsOptions {
  /** The bus to listen on. Default: `default`. */
  readonly eventBusName?: string;
  /** The event pattern, as a rule takes it. Default: every event (`{ "source": [{ "prefix": "" }] }`). */
  readonly pattern?: Readonly<Record<string, unknown>>;
}

/** The events a capture has seen; `stop()` removes its rule and queue. */
export interface EventCapture {
  /** Every event matched so far, oldest first, once the events accepted until now are delivered. */
  events(): Promise<readonly CapturedEvent[]>;
  /** Waits until at least `count` events were matched, and returns them all. */
  waitForEvents(count: number, options?: WaitForOptions): Promise<readonly CapturedEvent[]>;
  stop(): Promise<void>;
}

/**
 * Records the events of a bus that match a pattern, through a rule and a queue of its own, as a
 * test would assert what a service published:
 *
 * ```ts
 * const capture = await captureEvents(sandbox, { pattern: { 'detail-type': ['user.created'] } });
 * // … the code under test publishes …
 * const [event] = await capture.waitForEvents(1);
 * await capture.stop();
 * ```
 */
export async function captureEvents(
  sandbox: Pick<Sandbox, 'endpoint' | 'region' | 'events'>,
  options: CaptureEventsOptions = {},
): Promise<EventCapture> {
  const api = sandboxApi(sandbox.endpoint, sandbox.region);
  const name = `davinci-capture-${randomUUID().slice(0, 8)}`;
  const eventBusName = options.eventBusName ?? 'default';
  const { QueueUrl } = await api.call('sqs', 'CreateQueue', { QueueName: name });
  const { Attributes } = (await api.call('sqs', 'GetQueueAttributes', {
    QueueUrl,
    AttributeNames: ['QueueArn'],
  })) as { Attributes?: { QueueArn?: string } };
  try {
    await api.call('events', 'PutRule', {
      Name: name,
      EventBusName: eventBusName,
      EventPattern: JSON.stringify(options.pattern ?? { source: [{ prefix: '' }] }),
    });
    await api.call('events', 'PutTargets', {
      Rule: name,
      EventBusName: eventBusName,
      Targets: [{ Id: 'capture', Arn: Attributes?.QueueArn }],
    });
  } catch (error) {
    await api.call('sqs', 'DeleteQueue', { QueueUrl }).catch(() => undefined);
    throw error;
  }
  const captured: CapturedEvent[] = [];
  const collect = async () => {
    await sandbox.events.drain();
    for (;;) {
      const { Messages = [] } = (await api.call('sqs', 'ReceiveMessage', {
        QueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
      })) as { Messages?: { Body: string; ReceiptHandle: string }[] };
      if (Messages.length === 0) return [...captured];
      captured.push(...Messages.map((message) => JSON.parse(message.Body) as CapturedEvent));
      await api.call('sqs', 'DeleteMessageBatch', {
        QueueUrl,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
        })),
      });
    }
  };
  return {
    events: collect,
    waitForEvents: (count, waitOptions) =>
      waitFor(async () => {
        const events = await collect();
        return events.length >= count ? events : undefined;
      }, waitOptions),
    async stop() {
      await api.call('events', 'RemoveTargets', {
        Rule: name,
        EventBusName: eventBusName,
        Ids: ['capture'],
      });
      await api.call('events', 'DeleteRule', { Name: name, EventBusName: eventBusName });
      await api.call('sqs', 'DeleteQueue', { QueueUrl });
    },
  };
}
