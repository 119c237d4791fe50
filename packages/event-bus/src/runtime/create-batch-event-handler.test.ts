import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Event } from '../events/event.js';
import {
  eventBridgeEventFor,
  memoryLogger,
  sqsEvent,
  sqsEventFor,
} from './__tests__/sqs-events.js';
import { createBatchEventHandler } from './create-batch-event-handler.js';

const userEvent = (n: number) =>
  new Event({ eventType: 'user.created', body: { user_id: `u${n}`, email: `u${n}@example.com` } });

describe('createBatchEventHandler', () => {
  it('hands all valid events to one call, in record order', async () => {
    const calls: string[][] = [];
    const handler = createBatchEventHandler({
      handler: (events) => void calls.push(events.map((event) => String(event.detail.user_id))),
      logger: memoryLogger(),
    });
    const response = await handler(sqsEventFor([userEvent(1), userEvent(2), userEvent(3)]));
    expect(calls).toEqual([['u1', 'u2', 'u3']]);
    expect(response.batchItemFailures).toEqual([]);
  });

  it('fails exactly the events reported through fail() or returned', async () => {
    const logger = memoryLogger();
    const handler = createBatchEventHandler({
      handler: (events, context) => {
        const [first, , third] = events;
        if (first) context.fail(first, 'quota exceeded');
        return third ? [third.id] : [];
      },
      logger,
    });
    const sqs = sqsEventFor([userEvent(1), userEvent(2), userEvent(3)]);
    const response = await handler(sqs);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([
      sqs.Records[0]?.messageId,
      sqs.Records[2]?.messageId,
    ]);
    expect(logger.entries.map((entry) => [entry.outcome, entry.reason])).toEqual([
      ['failed', 'quota exceeded'],
      ['success', undefined],
      ['failed', undefined],
    ]);
  });

  it('fails every valid record when the handler throws; poison records are reported per record', async () => {
    const logger = memoryLogger();
    const seen: number[] = [];
    const handler = createBatchEventHandler({
      schema: z.object({ user_id: z.string(), email: z.email() }),
      handler: (events) => {
        seen.push(events.length);
        throw new Error('database unavailable');
      },
      logger,
    });
    const bad = JSON.stringify(
      eventBridgeEventFor(new Event({ eventType: 'user.created', body: { user_id: 1 } })),
    );
    const good = [userEvent(1), userEvent(2)].map((event) =>
      JSON.stringify(eventBridgeEventFor(event)),
    );
    const sqs = sqsEvent([good[0] ?? '', bad, '[]', good[1] ?? ''], { receiveCount: 2 });
    const response = await handler(sqs);

    expect(seen).toEqual([2]);
    expect(response.batchItemFailures).toHaveLength(4);
    expect(logger.entries.map((entry) => entry.receiveCount)).toEqual([2, 2, 2, 2]);
    expect(logger.entries.find((entry) => entry.outcome === 'failed')?.error?.stack).toMatch(
      /^at /,
    );
    expect(
      logger.entries.filter((entry) => entry.outcome === 'poison').map((entry) => entry.reason),
    ).toEqual(['schema-mismatch', 'not-an-eventbridge-event']);
    expect(logger.entries.filter((entry) => entry.outcome === 'failed')).toHaveLength(2);
  });

  it('does not call the handler when every record is poison', async () => {
    let called = false;
    const handler = createBatchEventHandler({
      handler: () => {
        called = true;
      },
      logger: memoryLogger(),
    });
    const response = await handler(sqsEvent(['{', '{"id": 3}']));
    expect(called).toBe(false);
    expect(response.batchItemFailures).toHaveLength(2);
  });

  it('keeps FIFO order: the first failure and everything after it return to the queue', async () => {
    const logger = memoryLogger();
    const handler = createBatchEventHandler({
      handler: (events) => [events[1]?.id ?? ''],
      logger,
    });
    const sqs = sqsEventFor([userEvent(0), userEvent(1), userEvent(2)], { fifo: true });
    const response = await handler(sqs);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      sqs.Records.slice(1).map((record) => record.messageId),
    );
    expect(logger.entries.map((entry) => entry.outcome)).toEqual([
      'success',
      'failed',
      'not-attempted',
    ]);
  });

  it('hands a FIFO batch only the events before the first poison record', async () => {
    const calls: number[] = [];
    const handler = createBatchEventHandler({
      handler: (events) => void calls.push(events.length),
      logger: memoryLogger(),
    });
    const bodies = [0, 1, 2].map((n) => JSON.stringify(eventBridgeEventFor(userEvent(n))));
    const sqs = sqsEvent([bodies[0] ?? '', bodies[1] ?? '', 'oops', bodies[2] ?? ''], {
      fifo: true,
    });
    const response = await handler(sqs);
    expect(calls).toEqual([2]);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      sqs.Records.slice(2).map((record) => record.messageId),
    );
  });
});
