import { ValidationError } from '@davinci/orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent } from './define-event.js';
import { Event } from './event.js';
import { readMetadata } from './metadata.js';

const caught = (fn: () => unknown): ValidationError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('Event', () => {
  it('fills id, created time and starts its own correlation chain', () => {
    const event = new Event({ eventType: 'user.created', body: { user_id: 'u1' } });
    expect(event.eventId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(event.created).toBeInstanceOf(Date);
    expect(event.correlationId).toBe(event.eventId);
    expect(event.previousEventId).toBeUndefined();
  });

  it('links next events into one chain without inheriting callbacks', () => {
    const first = new Event({
      eventType: 'order.placed',
      body: { order_id: 'o1' },
      callbackEventType: 'order.placed-result',
    });
    const second = first.next('payment.requested', { amount: 3 });
    const third = second.next('payment.captured', { amount: 3 });
    expect(second.previousEventId).toBe(first.eventId);
    expect(third.previousEventId).toBe(second.eventId);
    expect(third.correlationId).toBe(first.eventId);
    expect(second.callbackEventType).toBeUndefined();
    expect(second.eventId).not.toBe(first.eventId);
  });

  it.each([
    ['', 'format'],
    ['user..created', 'format'],
    ['.user', 'format'],
    ['user.*', 'format'],
    ['user created', 'format'],
    ['x'.repeat(257), 'maxLength'],
  ])('rejects event type %j (%s)', (eventType, rule) => {
    const error = caught(() => new Event({ eventType, body: {} }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues).toEqual([expect.objectContaining({ path: 'eventType', rule })]);
  });

  it('accepts dot-notation types with digits, dashes and underscores', () => {
    for (const eventType of [
      'user.created',
      'ping',
      'order.payment-failed',
      'v2.user_stats.updated',
    ]) {
      expect(new Event({ eventType, body: {} }).eventType).toBe(eventType);
    }
  });

  it('rejects bodies that use the reserved _davinci key or are not objects', () => {
    expect(
      caught(() => new Event({ eventType: 'a.b', body: { _davinci: 1 } })).issues[0],
    ).toMatchObject({
      path: '_davinci',
      rule: 'reserved',
    });
    const notObject = caught(
      () => new Event({ eventType: 'a.b', body: [1, 2] as unknown as Record<string, unknown> }),
    );
    expect(notObject.issues[0]).toMatchObject({ path: '(body)', rule: 'object' });
    expect(
      caught(() => new Event({ eventType: 'a.b', body: {}, callbackEventType: 'bad type' }))
        .issues[0],
    ).toMatchObject({
      path: 'callbackEventType',
    });
  });

  it('serialises the body at the top level of detail with metadata under _davinci', () => {
    const event = new Event({
      eventType: 'a.b',
      body: { n: 1, nested: { ok: true } },
      previousEventId: 'p1',
    });
    const detail = JSON.parse(event.toDetail());
    expect(detail).toEqual({
      n: 1,
      nested: { ok: true },
      _davinci: {
        eventId: event.eventId,
        created: event.created.toISOString(),
        previousEventId: 'p1',
        correlationId: event.eventId,
      },
    });
    expect(readMetadata(detail._davinci)).toEqual(event.metadata);
  });

  it('reports a body that JSON cannot represent as a ValidationError', () => {
    const event = new Event({ eventType: 'a.b', body: { big: 10n } });
    expect(caught(() => event.toDetail()).issues[0]).toMatchObject({ rule: 'json' });
  });
});

describe('defineEvent', () => {
  const UserCreated = defineEvent(
    'user.created',
    z.object({
      user_id: z.string().min(1),
      email: z.email(),
      tags: z.array(z.string()).default([]),
    }),
  );

  it('creates typed events whose body went through the schema (defaults applied)', () => {
    const event = UserCreated.create({ user_id: 'u1', email: 'a@example.com' });
    expect(event.eventType).toBe('user.created');
    expect(event.body).toEqual({ user_id: 'u1', email: 'a@example.com', tags: [] });
    const email: string = event.body.email;
    expect(email).toBe('a@example.com');
  });

  it('lists every bad field with its rule', () => {
    const error = caught(() =>
      UserCreated.create({ user_id: '', email: 'nope', tags: ['ok', 3 as unknown as string] }),
    );
    expect(error.eventType).toBe('user.created');
    expect(error.issues.map((issue) => [issue.path, issue.rule])).toEqual([
      ['user_id', 'too_small'],
      ['email', 'invalid_format'],
      ['tags[1]', 'invalid_type'],
    ]);
  });

  it('rejects _davinci even when the schema would strip unknown keys', () => {
    const body = { user_id: 'u1', email: 'a@example.com', _davinci: {} };
    expect(caught(() => UserCreated.create(body)).issues[0]?.path).toBe('_davinci');
  });

  it('continues chains and parses unknown values', () => {
    const root = new Event({ eventType: 'signup.requested', body: {} });
    const event = UserCreated.next(root, { user_id: 'u1', email: 'a@example.com' });
    expect(event.previousEventId).toBe(root.eventId);
    expect(event.correlationId).toBe(root.eventId);
    expect(UserCreated.parse({ user_id: 'u', email: 'x@y.io' }).tags).toEqual([]);
    expect(() => UserCreated.parse({})).toThrow(ValidationError);
  });

  it('refuses an invalid type at definition time', () => {
    expect(() => defineEvent('user.*', z.object({}))).toThrow(ValidationError);
  });
});
