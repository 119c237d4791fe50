import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineEvent } from '../events/define-event.js';
import { Event } from '../events/event.js';
import { InvalidEventPatternError } from '../pattern/errors.js';
import { lambdaContext, memoryLogger, sqsEventFor } from './__tests__/sqs-events.js';
import {
  type DeclaredEventHandler,
  defineEventHandler,
  isDeclaredEventHandler,
} from './define-event-handler.js';
import { InvalidHandlerOptionError } from './errors.js';

const UserActivated = defineEvent('user.activated', z.object({ user_id: z.string() }));

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
};

describe('defineEventHandler', () => {
  it("declares the subscription, tables and idempotency once, subscribing to the schema's event type", () => {
    const handler = defineEventHandler({
      name: 'handleUserActivated',
      schema: UserActivated,
      tables: { user_stats: 'readWrite', users: 'read' },
      idempotency: true,
      handler: () => {},
    });
    expect(handler.declaration).toEqual({
      name: 'handleUserActivated',
      eventPattern: { 'detail-type': ['user.activated'] },
      tables: { user_stats: 'readWrite', users: 'read' },
      idempotency: true,
    });
    expect(Object.isFrozen(handler.declaration)).toBe(true);
    expect(isDeclaredEventHandler(handler)).toBe(true);
  });

  it('takes an explicit subscription: a wildcard, several types or a full pattern', () => {
    const declare = (subscribe: Parameters<typeof defineEventHandler>[0]['subscribe']) =>
      defineEventHandler({ name: 'h', subscribe, handler: () => {} }).declaration;
    expect(declare('user.*')).toEqual({
      name: 'h',
      eventPattern: { 'detail-type': [{ prefix: 'user.' }] },
      tables: {},
      idempotency: false,
    });
    expect(declare(['user.created', 'user.activated']).eventPattern).toEqual({
      'detail-type': ['user.created', 'user.activated'],
    });
    expect(declare({ source: ['billing'] }).eventPattern).toEqual({ source: ['billing'] });
  });

  it('is the Lambda handler too, applying the runtime options it was given', async () => {
    const seen: string[] = [];
    const handler = defineEventHandler({
      name: 'handleUserActivated',
      schema: UserActivated,
      logger: memoryLogger(),
      handler: (event) => void seen.push(event.detail.user_id),
    });
    const response = await handler(
      sqsEventFor([new Event({ eventType: 'user.activated', body: { user_id: 'u7' } })]),
      lambdaContext(),
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual(['u7']);
    expectTypeOf(handler).toEqualTypeOf<DeclaredEventHandler>();
  });

  it('refuses a declaration it cannot deploy, naming the option', () => {
    const noSubscription = thrown(() => defineEventHandler({ name: 'h', handler: () => {} }));
    expect(noSubscription).toBeInstanceOf(InvalidHandlerOptionError);
    expect((noSubscription as InvalidHandlerOptionError).option).toBe('subscribe');

    const badAccess = thrown(() =>
      defineEventHandler({
        name: 'h',
        subscribe: 'user.created',
        // @ts-expect-error 'write' is not an access level
        tables: { users: 'write' },
        handler: () => {},
      }),
    );
    expect(badAccess).toBeInstanceOf(InvalidHandlerOptionError);
    expect((badAccess as InvalidHandlerOptionError).message).toBe(
      'invalid handler option "tables.users": must be one of read, readWrite (got write)',
    );

    const noName = thrown(() =>
      defineEventHandler({ name: ' ', subscribe: 'user.created', handler: () => {} }),
    );
    expect((noName as InvalidHandlerOptionError).option).toBe('name');

    expect(
      thrown(() => defineEventHandler({ name: 'h', subscribe: { source: [] }, handler: () => {} })),
    ).toBeInstanceOf(InvalidEventPatternError);
  });

  it('keeps the runtime rule that an idempotent handler needs a name without "#"', () => {
    const error = thrown(() =>
      defineEventHandler({
        name: 'a#b',
        subscribe: 'user.created',
        idempotency: true,
        handler: () => {},
      }),
    );
    expect((error as InvalidHandlerOptionError).option).toBe('name');
  });

  it('tells declared handlers from other exports', () => {
    expect(isDeclaredEventHandler(() => {})).toBe(false);
    expect(isDeclaredEventHandler({ declaration: {} })).toBe(false);
    expect(isDeclaredEventHandler(undefined)).toBe(false);
  });
});
