import type { Handler, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineEvent } from '../events/define-event.js';
import { Event } from '../events/event.js';
import {
  eventBridgeEventFor,
  lambdaContext,
  memoryLogger,
  sqsEvent,
  sqsEventFor,
} from './__tests__/sqs-events.js';
import { createEventHandler } from './create-event-handler.js';
import type { EventEnvelope } from './envelope.js';
import { InvalidHandlerOptionError } from './errors.js';
import { jsonLineLogger } from './logger.js';
import { DEFAULT_CONCURRENCY } from './process-batch.js';

const userCreated = (n: number) =>
  new Event({
    eventType: 'user.created',
    body: { user_id: `u${n}`, email: `u${n}@example.com`, name: `User ${n}` },
  });

describe('createEventHandler', () => {
  it('hands each record to the handler as its EventBridge envelope, metadata moved out of detail', async () => {
    const seen: EventEnvelope[] = [];
    const logger = memoryLogger();
    const handler = createEventHandler({ handler: (event) => void seen.push(event), logger });
    const first = userCreated(1);
    const linked = first.next('user.created', {
      user_id: 'u2',
      email: 'u2@example.com',
      name: 'User 2',
    });
    const sqs = sqsEventFor([first, linked]);

    const response = await handler(sqs, lambdaContext());

    expect(response).toEqual({ batchItemFailures: [] });
    const bodies = sqs.Records.map((record) => JSON.parse(record.body));
    expect(seen.map((event) => event.id)).toEqual(bodies.map((body) => body.id));
    expect(seen[0]).toMatchObject({
      'detail-type': 'user.created',
      source: 'user-system',
      account: '000000000000',
      region: 'us-east-1',
      detail: { user_id: 'u1', email: 'u1@example.com', name: 'User 1' },
      davinci: { eventId: first.eventId, correlationId: first.eventId },
    });
    expect(seen[0]?.detail).not.toHaveProperty('_davinci');
    expect(seen[1]?.davinci).toMatchObject({
      previousEventId: first.eventId,
      correlationId: first.eventId,
    });
  });

  it('lets a handler continue the chain of the event it received', async () => {
    const next: Event[] = [];
    const handler = createEventHandler({
      handler: (event) =>
        void next.push(
          Event.fromEnvelope(event).next('user.welcomed', { user_id: event.detail.user_id }),
        ),
      logger: memoryLogger(),
    });
    const first = userCreated(1);
    await handler(sqsEventFor([first]));
    expect(next[0]).toMatchObject({
      eventType: 'user.welcomed',
      previousEventId: first.eventId,
      correlationId: first.eventId,
      body: { user_id: 'u1' },
    });
  });

  it('fits the Lambda handler type for SQS events', () => {
    const handler = createEventHandler(() => undefined);
    expectTypeOf(handler).toExtend<Handler<SQSEvent, SQSBatchResponse>>();
  });

  it('returns only the failed records, and still runs the others', async () => {
    const handled: string[] = [];
    const logger = memoryLogger();
    const handler = createEventHandler({
      handler: (event) => {
        if (event.detail.user_id === 'u2') throw new Error('mail server down');
        handled.push(String(event.detail.user_id));
      },
      logger,
    });
    const sqs = sqsEventFor([userCreated(1), userCreated(2), userCreated(3)]);
    const response = await handler(sqs, lambdaContext());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: sqs.Records[1]?.messageId }]);
    expect(handled.sort()).toEqual(['u1', 'u3']);
    const failure = logger.entries.find((entry) => entry.outcome === 'failed');
    expect(failure).toMatchObject({
      level: 'error',
      messageId: sqs.Records[1]?.messageId,
      eventType: 'user.created',
      handler: 'user-system-dev-handle-user-created',
      error: { name: 'Error', message: 'mail server down' },
    });
  });

  it('logs one structured entry per record with event id, type, handler, outcome and duration', async () => {
    const logger = memoryLogger();
    const handler = createEventHandler({ handler: () => undefined, logger, name: 'welcome-email' });
    const sqs = sqsEventFor([userCreated(1), userCreated(2)]);
    await handler(sqs);

    expect(logger.entries).toHaveLength(2);
    for (const [index, entry] of logger.entries.entries()) {
      const body = JSON.parse(sqs.Records[index]?.body ?? '{}');
      expect(entry).toEqual({
        level: 'info',
        message: 'handled',
        handler: 'welcome-email',
        outcome: 'success',
        messageId: sqs.Records[index]?.messageId,
        receiveCount: 1,
        eventId: body.id,
        eventType: 'user.created',
        durationMs: expect.any(Number),
      });
    }
  });

  it('logs how often SQS delivered the record, and the failure stack, on one compact JSON line', async () => {
    const logger = memoryLogger();
    const handler = createEventHandler({
      handler: async function sendWelcomeEmail(event) {
        if (event.detail.user_id === 'u2') throw new Error('mail server down');
      },
      logger,
    });
    await handler(sqsEventFor([userCreated(1), userCreated(2)], { receiveCount: 3 }));
    await handler(sqsEvent(['not json'], { receiveCount: 2 }));

    expect(logger.entries.map((entry) => [entry.outcome, entry.receiveCount])).toEqual([
      ['success', 3],
      ['failed', 3],
      ['poison', 2],
    ]);
    const stack = logger.entries[1]?.error?.stack ?? '';
    expect(stack).toMatch(/^at .*sendWelcomeEmail/);
    expect(stack).not.toContain('mail server down');

    const printed: string[] = [];
    const original = console.error;
    console.error = (line: string) => void printed.push(line);
    try {
      const entry = logger.entries[1];
      if (entry) jsonLineLogger.log(entry);
    } finally {
      console.error = original;
    }
    expect(printed).toHaveLength(1);
    expect(printed[0]).not.toContain('\n');
    expect(JSON.parse(printed[0] ?? '')).toMatchObject({
      outcome: 'failed',
      receiveCount: 3,
      error: { message: 'mail server down', stack },
    });
  });

  it('fails poison records once each, with the reason, without blocking the others', async () => {
    const handled: string[] = [];
    const logger = memoryLogger();
    const UserCreated = defineEvent(
      'user.created',
      z.object({ user_id: z.string(), email: z.email() }),
    );
    const handler = createEventHandler({
      handler: (event) => void handled.push(event.detail.user_id),
      schema: UserCreated,
      logger,
    });
    const good = JSON.stringify(eventBridgeEventFor(userCreated(1)));
    const badEmail = JSON.stringify(
      eventBridgeEventFor(
        new Event({ eventType: 'user.created', body: { user_id: 'u9', email: 'nope' } }),
      ),
    );
    const wrongType = JSON.stringify(
      eventBridgeEventFor(
        new Event({ eventType: 'user.deleted', body: { user_id: 'u8', email: 'a@b.io' } }),
      ),
    );
    const sqs = sqsEvent([
      '{"truncated": ',
      JSON.stringify({ Type: 'Notification', Message: 'an SNS envelope, not EventBridge' }),
      badEmail,
      good,
      wrongType,
    ]);

    const response = await handler(sqs, lambdaContext());

    expect(handled).toEqual(['u1']);
    const ids = sqs.Records.map((record) => record.messageId);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([
      ids[0],
      ids[1],
      ids[2],
      ids[4],
    ]);
    const poison = logger.entries.filter((entry) => entry.outcome === 'poison');
    expect(poison.map((entry) => [entry.messageId, entry.reason])).toEqual([
      [ids[0], 'invalid-json'],
      [ids[1], 'not-an-eventbridge-event'],
      [ids[2], 'schema-mismatch'],
      [ids[4], 'schema-mismatch'],
    ]);
    expect(poison[2]?.message).toContain('email (invalid_format)');
    expect(poison[3]?.message).toContain('expected detail-type "user.created"');
    expect(logger.entries).toHaveLength(5);
  });

  it('gives handlers the schema-parsed, typed detail', async () => {
    const UserCreated = defineEvent(
      'user.created',
      z.object({
        user_id: z.string(),
        email: z.email(),
        plan: z.enum(['free', 'pro']).default('free'),
      }),
    );
    const plans: string[] = [];
    const handler = createEventHandler({
      schema: UserCreated,
      handler: (event) => {
        expectTypeOf(event.detail.plan).toEqualTypeOf<'free' | 'pro'>();
        plans.push(event.detail.plan);
      },
      logger: memoryLogger(),
    });
    await handler(sqsEventFor([userCreated(1)]));
    expect(plans).toEqual(['free']);

    const withZod = createEventHandler({
      schema: z.object({ user_id: z.string() }),
      handler: (event) => expectTypeOf(event.detail.user_id).toEqualTypeOf<string>(),
      logger: memoryLogger(),
    });
    expect(await withZod(sqsEventFor([userCreated(2)]))).toEqual({ batchItemFailures: [] });
  });

  it('runs records in parallel by default', async () => {
    const total = 4;
    let started = 0;
    let release: () => void = () => undefined;
    const allStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handler = createEventHandler({
      handler: async () => {
        started++;
        if (started === total) release();
        // Only returns once every record has started: impossible if records ran one by one.
        await allStarted;
      },
      logger: memoryLogger(),
    });
    const response = await handler(
      sqsEventFor(Array.from({ length: total }, (_, n) => userCreated(n))),
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(started).toBe(total);
  });

  it('handles at most 10 records at once by default, and `concurrency` at once when set', async () => {
    const maxInFlight = async (concurrency?: number): Promise<number> => {
      let inFlight = 0;
      let max = 0;
      const handler = createEventHandler({
        ...(concurrency === undefined ? {} : { concurrency }),
        handler: async (event) => {
          inFlight++;
          max = Math.max(max, inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          inFlight--;
          if (event.detail.user_id === 'u7') throw new Error('boom');
        },
        logger: memoryLogger(),
      });
      const sqs = sqsEventFor(Array.from({ length: 40 }, (_, n) => userCreated(n)));
      const response = await handler(sqs);
      // The cap changes scheduling only: exactly the failed record is reported.
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: sqs.Records[7]?.messageId }]);
      return max;
    };
    expect(await maxInFlight()).toBe(DEFAULT_CONCURRENCY);
    expect(DEFAULT_CONCURRENCY).toBe(10);
    expect(await maxInFlight(3)).toBe(3);
    expect(await maxInFlight(100)).toBe(40);
  });

  it('rejects a concurrency that is not a positive integer when the handler is created', () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      expect(() => createEventHandler({ handler: () => undefined, concurrency })).toThrow(
        expect.objectContaining({
          code: 'INVALID_HANDLER_OPTION',
          option: 'concurrency',
        }),
      );
    }
    expect(() => createEventHandler({ handler: () => undefined, concurrency: 0 })).toThrow(
      InvalidHandlerOptionError,
    );
  });

  it('runs records one at a time, in order, when sequential', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const order: string[] = [];
    const handler = createEventHandler({
      processing: 'sequential',
      handler: async (event) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        order.push(String(event.detail.user_id));
        inFlight--;
        if (event.detail.user_id === 'u1') throw new Error('boom');
      },
      logger: memoryLogger(),
    });
    const sqs = sqsEventFor([userCreated(0), userCreated(1), userCreated(2)]);
    const response = await handler(sqs);
    expect(maxInFlight).toBe(1);
    expect(order).toEqual(['u0', 'u1', 'u2']);
    // A standard queue keeps going after a failure.
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: sqs.Records[1]?.messageId }]);
  });

  it('processes FIFO batches in order and returns the first failure and everything after it', async () => {
    const order: string[] = [];
    const logger = memoryLogger();
    const handler = createEventHandler({
      handler: (event) => {
        order.push(String(event.detail.user_id));
        if (event.detail.user_id === 'u1') throw new Error('boom');
      },
      logger,
    });
    const sqs = sqsEventFor([userCreated(0), userCreated(1), userCreated(2), userCreated(3)], {
      fifo: true,
    });
    const response = await handler(sqs);

    expect(order).toEqual(['u0', 'u1']);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      sqs.Records.slice(1).map((record) => record.messageId),
    );
    expect(logger.entries.map((entry) => entry.outcome)).toEqual([
      'success',
      'failed',
      'not-attempted',
      'not-attempted',
    ]);
  });

  it('stops a FIFO batch at a poison record too', async () => {
    const order: string[] = [];
    const handler = createEventHandler({
      handler: (event) => void order.push(String(event.detail.user_id)),
      logger: memoryLogger(),
    });
    const bodies = [userCreated(0), userCreated(1)].map((event) =>
      JSON.stringify(eventBridgeEventFor(event)),
    );
    const sqs = sqsEvent([bodies[0] ?? '', 'not json', bodies[1] ?? ''], { fifo: true });
    const response = await handler(sqs);
    expect(order).toEqual(['u0']);
    expect(response.batchItemFailures).toHaveLength(2);
  });

  it('fails a record whose handler registers more writes than one transaction holds', async () => {
    const logger = memoryLogger();
    const handler = createEventHandler({
      handler: (_event, context) => {
        // DynamoDB's limit is 100 operations per transaction: the 101st is refused.
        for (let n = 0; n < 101; n++) {
          context.transaction.add({ kind: 'put', target: undefined as never, request: {} });
        }
      },
      logger,
    });
    const response = await handler(sqsEventFor([userCreated(1)]));
    expect(response.batchItemFailures).toHaveLength(1);
    expect(logger.entries[0]?.error).toMatchObject({
      name: 'TooManyTransactionOperationsError',
      code: 'TOO_MANY_TRANSACTION_OPERATIONS',
    });
    expect(logger.entries[0]?.error?.message).toContain('at most 100');
  });

  it('names itself after the Lambda function, unless named', async () => {
    const logger = memoryLogger();
    await createEventHandler({ handler: () => undefined, logger })(
      sqsEventFor([userCreated(1)]),
      lambdaContext('fn-a'),
    );
    await createEventHandler({ handler: () => undefined, logger, name: 'explicit' })(
      sqsEventFor([userCreated(1)]),
      lambdaContext('fn-b'),
    );
    expect(logger.entries.map((entry) => entry.handler)).toEqual(['fn-a', 'explicit']);
  });
});
