import {
  CreateQueueCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceleratedClock } from '../../clock.js';
import { type SqsHarness, startSqs } from './__tests__/harness.js';
import { Queue } from './models/queue.js';

const clock = acceleratedClock(1_000);
/** Three seconds of clock time: three real milliseconds, a few receive requests. */
const VISIBILITY_TIMEOUT_S = 3;
const MESSAGES = 20;
const RECEIVES_EACH = 4;
/** Far more requests than 20 messages received 4 times need; a stuck queue fails the test. */
const MAX_REQUESTS = 2_000;

let sandbox: SqsHarness;
beforeAll(async () => {
  sandbox = await startSqs(clock);
});
afterAll(() => sandbox.close());

/** One receive of a message: the clock before the request was sent and when its answer came. */
interface Receive {
  readonly askedAt: number;
  readonly answeredAt: number;
  readonly message: Message;
}

describe.each([
  { kind: 'standard', suffix: '' },
  { kind: 'FIFO', suffix: '.fifo' },
])('a $kind queue on a clock 1,000 times the wall clock', ({ suffix }) => {
  it('hands out no message again before its visibility timeout has passed on that clock', async () => {
    const fifo = suffix === '.fifo';
    const { QueueUrl } = await sandbox.sqs.send(
      new CreateQueueCommand({
        QueueName: `visibility-on-fast-clock${suffix}`,
        Attributes: {
          VisibilityTimeout: String(VISIBILITY_TIMEOUT_S),
          ...(fifo && { FifoQueue: 'true' }),
        },
      }),
    );
    for (let first = 0; first < MESSAGES; first += 10) {
      await sandbox.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: Array.from({ length: 10 }, (_, offset) => ({
            Id: `m${first + offset}`,
            MessageBody: `message ${first + offset}`,
            // One group per message, so FIFO ordering does not hold any of them back.
            ...(fifo && {
              MessageGroupId: `group-${first + offset}`,
              MessageDeduplicationId: `dedup-${first + offset}`,
            }),
          })),
        }),
      );
    }

    const receives = new Map<string, Receive[]>();
    const done = () =>
      receives.size === MESSAGES &&
      [...receives.values()].every((list) => list.length >= RECEIVES_EACH);
    for (let request = 0; request < MAX_REQUESTS && !done(); request++) {
      const askedAt = clock.now();
      const { Messages = [] } = await sandbox.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: 10,
          // Alternately a short poll and a long poll, which sleeps on the clock until a message
          // becomes visible again.
          WaitTimeSeconds: request % 2 === 0 ? 0 : 20,
          MessageSystemAttributeNames: [
            'ApproximateFirstReceiveTimestamp',
            'ApproximateReceiveCount',
          ],
        }),
      );
      const answeredAt = clock.now();
      for (const message of Messages) {
        const list = receives.get(message.Body ?? '') ?? [];
        list.push({ askedAt, answeredAt, message });
        receives.set(message.Body ?? '', list);
      }
    }

    expect(receives.size).toBe(MESSAGES);
    for (const [body, list] of receives) {
      expect(list.length, body).toBeGreaterThanOrEqual(RECEIVES_EACH);
      expect(
        list.map((receive) => receive.message.Attributes?.ApproximateReceiveCount),
        body,
      ).toEqual(list.map((_, index) => String(index + 1)));
      // The first receive's exact clock time, as the queue recorded it.
      const firstReceivedAt = Number(list[0]?.message.Attributes?.ApproximateFirstReceiveTimestamp);
      expect(list[1]?.answeredAt, body).toBeGreaterThanOrEqual(
        firstReceivedAt + VISIBILITY_TIMEOUT_S * 1_000,
      );
      // Each later receive: the previous one happened after its request was sent, so the answer
      // that handed the message out again cannot come before that plus the visibility timeout.
      for (let index = 1; index < list.length; index++) {
        const previous = list[index - 1] as Receive;
        expect(list[index]?.answeredAt, `${body}, receive ${index + 1}`).toBeGreaterThanOrEqual(
          previous.askedAt + VISIBILITY_TIMEOUT_S * 1_000,
        );
      }
    }
  });
});

describe('a queue that waits on a clock 1,000 times the wall clock', () => {
  it('hides each message for its visibility timeout, and a consumer that sleeps until it ends on the clock finds it again', async () => {
    // 30 s of clock time, 30 ms of wall time: far more than one receive takes.
    const queue = new Queue(
      { region: 'us-east-1', accountId: '000000000000', name: 'visibility-sleep' },
      { VisibilityTimeout: '30' },
      clock,
    );
    const messages = 200;
    for (let n = 0; n < messages; n++) queue.enqueue({ body: `message ${n}`, senderId: 'test' });
    const receiveAll = () =>
      queue.receive({ maxMessages: messages, resolveQueue: () => undefined });
    const lastReceivedAt = new Map(
      receiveAll().map(({ message }) => [message.body, message.lastReceiveTimestamp ?? Number.NaN]),
    );
    expect(lastReceivedAt.size).toBe(messages);
    /**
     * A receive of every visible message (the model takes any batch size, the protocol caps it
     * at 10); each must have waited out its visibility timeout since its previous receive, by the
     * times the queue itself recorded. Returns how many came.
     */
    const receiveVisible = () => {
      const batch = receiveAll();
      for (const { message } of batch) {
        const receivedAt = message.lastReceiveTimestamp ?? Number.NaN;
        const previous = lastReceivedAt.get(message.body) ?? Number.NaN;
        expect(receivedAt - previous, message.body).toBeGreaterThanOrEqual(30_000);
        lastReceivedAt.set(message.body, receivedAt);
      }
      return batch.length;
    };

    for (let round = 2; round <= 21; round++) {
      // Right after a receive: normally none, and under load any that come have waited 30 s.
      receiveVisible();
      // Until every visibility timeout has ended and not a millisecond more, as a long poll waits.
      const lastDeadline = Math.max(...lastReceivedAt.values()) + 30_000;
      await clock.sleep(lastDeadline - clock.now());
      // The sleep has ended, so the clock is past every message's visibility timeout.
      expect(receiveVisible(), `receive ${round}`).toBe(messages);
    }
  });
});
