import { ValidationError } from '@davinci/orm';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent } from '../events/define-event.js';
import { Event } from '../events/event.js';
import {
  type PutEventsEndpoint,
  type Responder,
  startPutEventsEndpoint,
  type WireEntry,
} from './__tests__/eventbridge-endpoint.js';
import { MAX_REQUEST_SIZE_BYTES, putEventsEntrySize } from './entry-size.js';
import { EntryTooLargeError, EventBusNotConfiguredError, PublishError } from './errors.js';
import { EventPublisher } from './event-publisher.js';
import { resolveEventBusName } from './resources.js';

let endpoint: PutEventsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

async function publisherFor(
  responder?: Responder,
  options?: Parameters<typeof startPutEventsEndpoint>[1],
): Promise<{ publisher: EventPublisher; server: PutEventsEndpoint }> {
  endpoint = await startPutEventsEndpoint(responder, options);
  const publisher = new EventPublisher({
    client: endpoint.client(),
    eventBusName: 'user-system-dev-event-bus',
    source: 'user-system',
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { publisher, server: endpoint };
}

const userCreated = (n: number, extra: Record<string, unknown> = {}) =>
  new Event({
    eventType: 'user.created',
    body: { user_id: `u${n}`, email: `u${n}@example.com`, ...extra },
  });

/** Size by the formula for the entry as it arrived on the wire (Time is an epoch number there). */
const wireSize = (entry: WireEntry): number =>
  putEventsEntrySize({
    ...entry,
    Time: entry.Time === undefined ? undefined : new Date(entry.Time * 1000),
  });

describe('EventPublisher.submit', () => {
  it('sends DetailType = event type, Source = app, Detail = body fields at top level + _davinci', async () => {
    const { publisher, server } = await publisherFor();
    const event = userCreated(1);
    const published = await publisher.submit(event);

    expect(server.requests).toHaveLength(1);
    const [entry] = server.requests[0]?.Entries ?? [];
    expect(entry?.DetailType).toBe('user.created');
    expect(entry?.Source).toBe('user-system');
    expect(entry?.EventBusName).toBe('user-system-dev-event-bus');
    expect(entry?.Time).toBe(
      Math.floor(event.created.getTime() / 1000) + event.created.getMilliseconds() / 1000,
    );
    expect(JSON.parse(entry?.Detail ?? '{}')).toEqual({
      user_id: 'u1',
      email: 'u1@example.com',
      _davinci: {
        eventId: event.eventId,
        created: event.created.toISOString(),
        correlationId: event.eventId,
      },
    });
    expect(published.eventId).toBe(event.eventId);
    expect(published.eventBridgeId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries chain metadata of linked events', async () => {
    const { publisher, server } = await publisherFor();
    const first = userCreated(1);
    const second = first.next(
      'user.activated',
      { user_id: 'u1' },
      { callbackEventType: 'stats.updated' },
    );
    await publisher.submit(second);
    const detail = JSON.parse(server.requests[0]?.Entries[0]?.Detail ?? '{}');
    expect(detail._davinci).toMatchObject({
      eventId: second.eventId,
      previousEventId: first.eventId,
      correlationId: first.eventId,
      callbackEventType: 'stats.updated',
    });
  });

  it('rejects a typed event whose body was made invalid after creation, before sending', async () => {
    const { publisher, server } = await publisherFor();
    const UserCreated = defineEvent(
      'user.created',
      z.object({ user_id: z.string(), email: z.email() }),
    );
    const event = UserCreated.create({ user_id: 'u1', email: 'a@example.com' });
    (event.body as { email: string }).email = 'not-an-email';
    const error = await publisher.submitMany([userCreated(2), event]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['email']);
    expect(server.requests).toHaveLength(0);
  });
});

describe('EventPublisher settings', () => {
  it('refuses retry and concurrency values it cannot take, naming each, instead of clamping', () => {
    const error = (() => {
      try {
        new EventPublisher({
          eventBusName: 'bus',
          retry: { maxAttempts: 0, baseDelayMs: -1, maxDelayMs: Number.POSITIVE_INFINITY },
          maxConcurrentRequests: 1.5,
        });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'retry.maxAttempts', rule: 'integer', message: 'must be an integer >= 1, got 0' },
      { path: 'retry.baseDelayMs', rule: 'range', message: 'must be a finite number >= 0, got -1' },
      {
        path: 'retry.maxDelayMs',
        rule: 'range',
        message: 'must be a finite number >= 0, got Infinity',
      },
      {
        path: 'maxConcurrentRequests',
        rule: 'integer',
        message: 'must be an integer >= 1, got 1.5',
      },
    ]);
  });

  it('takes the smallest valid values: one attempt sends a failing entry once', async () => {
    endpoint = await startPutEventsEndpoint(() => ({ errorCode: 'ThrottlingException' }));
    const publisher = new EventPublisher({
      client: endpoint.client(),
      eventBusName: 'bus',
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      maxConcurrentRequests: 1,
    });
    const error = (await publisher.submit(userCreated(0)).catch((e: unknown) => e)) as PublishError;
    expect(error).toBeInstanceOf(PublishError);
    expect(error.failed.map((entry) => [entry.errorCode, entry.attempts])).toEqual([
      ['ThrottlingException', 1],
    ]);
    expect(endpoint.requests).toHaveLength(1);
  });
});

describe('EventPublisher.submitMany batching', () => {
  it('sends nothing for no events', async () => {
    const { publisher, server } = await publisherFor();
    expect(await publisher.submitMany([])).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('packs 25 small events into 3 requests of at most 10 entries, in order', async () => {
    const { publisher, server } = await publisherFor();
    const events = Array.from({ length: 25 }, (_, n) => userCreated(n));
    const published = await publisher.submitMany(events);

    expect(server.requests.map((request) => request.Entries.length)).toEqual([10, 10, 5]);
    expect(published.map((entry) => entry.eventId)).toEqual(events.map((event) => event.eventId));
    const sentIds = server.requests.flatMap((request) =>
      request.Entries.map((entry) => JSON.parse(entry.Detail ?? '{}')._davinci.eventId),
    );
    expect(sentIds.sort()).toEqual(events.map((event) => event.eventId).sort());
  });

  it('splits by the 256 KB request limit computed with the entry-size formula', async () => {
    const { publisher, server } = await publisherFor();
    const big = (n: number) => userCreated(n, { blob: 'x'.repeat(100_000) });
    const small = (n: number) => userCreated(n, { blob: 'x'.repeat(40_000) });
    await publisher.submitMany([big(1), big(2), big(3), small(4), small(5), small(6)]);

    for (const request of server.requests) {
      const total = request.Entries.reduce((sum, entry) => sum + wireSize(entry), 0);
      expect(total).toBeLessThanOrEqual(MAX_REQUEST_SIZE_BYTES);
    }
    // 3 × ~100 KB + 3 × ~40 KB ≈ 420 KB: two requests are the minimum, and the packing finds it.
    expect(server.requests).toHaveLength(2);
    expect(server.requests.flatMap((request) => request.Entries)).toHaveLength(6);
  });

  it('accepts an entry of exactly 262,144 bytes (UTF-8 bytes, not characters) and rejects one byte more before sending', async () => {
    const { publisher, server } = await publisherFor();
    const sized = (bytes: number) => {
      const base = userCreated(1, { pad: '' });
      const overhead = putEventsEntrySize({
        Time: base.created,
        Source: 'user-system',
        DetailType: base.eventType,
        Detail: base.toDetail(),
      });
      const missing = bytes - overhead;
      // 'é' is two UTF-8 bytes: a character count would undercount.
      const pad = 'é'.repeat(Math.floor(missing / 2)) + (missing % 2 ? 'x' : '');
      return new Event({
        eventType: base.eventType,
        body: { ...base.body, pad },
        eventId: base.eventId,
        created: base.created,
      });
    };
    const exact = sized(MAX_REQUEST_SIZE_BYTES);
    await publisher.submit(exact);
    expect(server.requests).toHaveLength(1);
    expect(wireSize(server.requests[0]?.Entries[0] ?? {})).toBe(MAX_REQUEST_SIZE_BYTES);

    const tooBig = sized(MAX_REQUEST_SIZE_BYTES + 1);
    const error = await publisher.submitMany([userCreated(2), tooBig]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EntryTooLargeError);
    expect((error as EntryTooLargeError).code).toBe('ENTRY_TOO_LARGE');
    expect((error as EntryTooLargeError).entries).toEqual([
      { eventId: tooBig.eventId, eventType: 'user.created', size: MAX_REQUEST_SIZE_BYTES + 1 },
    ]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('EventPublisher.submitMany failures inside a 200 response', () => {
  it('retries entries that failed with a retryable code, and only those', async () => {
    const { publisher, server } = await publisherFor((entry, call) => {
      const id = JSON.parse(entry.Detail ?? '{}').user_id as string;
      if (call === 1 && (id === 'u2' || id === 'u5')) return { errorCode: 'InternalFailure' };
      if (call === 1 && id === 'u7') return { errorCode: 'ThrottlingException' };
      return { accept: true };
    });
    const events = Array.from({ length: 8 }, (_, n) => userCreated(n));
    const published = await publisher.submitMany(events);

    expect(published.map((entry) => entry.eventId)).toEqual(events.map((event) => event.eventId));
    expect(server.requests).toHaveLength(2);
    expect(
      server.requests[1]?.Entries.map((entry) => JSON.parse(entry.Detail ?? '{}').user_id),
    ).toEqual(['u2', 'u5', 'u7']);
  });

  it('does not retry non-retryable codes and lists every failed entry with its code', async () => {
    const { publisher, server } = await publisherFor((entry) => {
      const id = JSON.parse(entry.Detail ?? '{}').user_id as string;
      return id === 'u1' || id === 'u3'
        ? { errorCode: 'NotAuthorizedForSourceException', errorMessage: 'no' }
        : { accept: true };
    });
    const events = Array.from({ length: 4 }, (_, n) => userCreated(n));
    const error = await publisher.submitMany(events).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PublishError);
    const publishError = error as PublishError;
    expect(publishError.code).toBe('PUBLISH_FAILED');
    expect(publishError.failed).toEqual([
      {
        eventId: events[1]?.eventId,
        eventType: 'user.created',
        errorCode: 'NotAuthorizedForSourceException',
        errorMessage: 'no',
        attempts: 1,
      },
      {
        eventId: events[3]?.eventId,
        eventType: 'user.created',
        errorCode: 'NotAuthorizedForSourceException',
        errorMessage: 'no',
        attempts: 1,
      },
    ]);
    expect(publishError.published.map((entry) => entry.eventId)).toEqual([
      events[0]?.eventId,
      events[2]?.eventId,
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on a retryable failure after maxAttempts and reports it', async () => {
    const { publisher, server } = await publisherFor((entry) =>
      JSON.parse(entry.Detail ?? '{}').user_id === 'u0'
        ? { errorCode: 'ThrottlingException' }
        : { accept: true },
    );
    const events = [userCreated(0), userCreated(1)];
    const error = (await publisher.submitMany(events).catch((e: unknown) => e)) as PublishError;

    expect(error).toBeInstanceOf(PublishError);
    expect(error.failed).toEqual([
      expect.objectContaining({
        eventId: events[0]?.eventId,
        errorCode: 'ThrottlingException',
        attempts: 3,
      }),
    ]);
    expect(error.published).toHaveLength(1);
    expect(server.requests.map((request) => request.Entries.length)).toEqual([2, 1, 1]);
  });

  it('reports every entry of a request the service rejected as a whole', async () => {
    const { publisher } = await publisherFor(undefined, {
      requestError: () => ({ status: 400, type: 'AccessDeniedException' }),
    });
    const events = Array.from({ length: 12 }, (_, n) => userCreated(n));
    const error = (await publisher.submitMany(events).catch((e: unknown) => e)) as PublishError;
    expect(error).toBeInstanceOf(PublishError);
    expect(error.failed).toHaveLength(12);
    expect(new Set(error.failed.map((entry) => entry.errorCode))).toEqual(
      new Set(['AccessDeniedException']),
    );
    expect(error.published).toHaveLength(0);
  });
});

describe('EventPublisher resource discovery', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of [
      'DAVINCI_EVENT_BUS_NAME',
      'DAVINCI_EVENT_SOURCE',
      'DAVINCI_APP_NAME',
      'DAVINCI_DEPLOYMENT_ID',
    ]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  const clearDiscoveryVariables = () => {
    for (const key of [
      'DAVINCI_EVENT_BUS_NAME',
      'DAVINCI_EVENT_SOURCE',
      'DAVINCI_APP_NAME',
      'DAVINCI_DEPLOYMENT_ID',
    ]) {
      delete process.env[key];
    }
  };

  it('takes the bus from DAVINCI_EVENT_BUS_NAME, then the naming convention', () => {
    clearDiscoveryVariables();
    process.env.DAVINCI_APP_NAME = 'user-system';
    process.env.DAVINCI_DEPLOYMENT_ID = 'dev';
    expect(new EventPublisher().eventBusName).toBe('user-system-dev-event-bus');
    expect(new EventPublisher().source).toBe('user-system');
    process.env.DAVINCI_EVENT_BUS_NAME = 'from-cdk';
    process.env.DAVINCI_EVENT_SOURCE = 'custom.source';
    expect(new EventPublisher().eventBusName).toBe('from-cdk');
    expect(new EventPublisher().source).toBe('custom.source');
    expect(new EventPublisher({ eventBusName: 'explicit', source: 'mine' })).toMatchObject({
      eventBusName: 'explicit',
      source: 'mine',
    });
    clearDiscoveryVariables();
    expect(new EventPublisher({ eventBusName: 'x' }).source).toBe('davinci');
  });

  it('never falls back to the default bus: without configuration, the first publish throws EventBusNotConfiguredError and sends nothing', async () => {
    clearDiscoveryVariables();
    endpoint = await startPutEventsEndpoint();
    // Constructing is fine (a module may create its publisher before configuration is checked).
    const publisher = new EventPublisher({ client: endpoint.client() });
    const error = await publisher.submit(userCreated(1)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EventBusNotConfiguredError);
    expect(error).toMatchObject({
      code: 'EVENT_BUS_NOT_CONFIGURED',
      missingVariables: ['DAVINCI_EVENT_BUS_NAME', 'DAVINCI_APP_NAME', 'DAVINCI_DEPLOYMENT_ID'],
    });
    const message = (error as Error).message;
    for (const hint of [
      'eventBusName',
      'DAVINCI_EVENT_BUS_NAME',
      'DAVINCI_APP_NAME',
      'DAVINCI_DEPLOYMENT_ID',
    ]) {
      expect(message).toContain(hint);
    }
    await expect(publisher.submitMany([])).rejects.toThrow(EventBusNotConfiguredError);
    expect(() => publisher.eventBusName).toThrow(EventBusNotConfiguredError);
    expect(endpoint.requests).toHaveLength(0);
  });

  it('names the missing half of the naming convention', () => {
    clearDiscoveryVariables();
    process.env.DAVINCI_APP_NAME = 'user-system';
    expect(() => resolveEventBusName()).toThrow(
      expect.objectContaining({
        code: 'EVENT_BUS_NOT_CONFIGURED',
        missingVariables: ['DAVINCI_EVENT_BUS_NAME', 'DAVINCI_DEPLOYMENT_ID'],
      }),
    );
  });

  it('reads the environment on first publish, so configuration set after construction counts', async () => {
    clearDiscoveryVariables();
    endpoint = await startPutEventsEndpoint();
    const publisher = new EventPublisher({ client: endpoint.client(), source: 'user-system' });
    process.env.DAVINCI_EVENT_BUS_NAME = 'user-system-dev-event-bus';
    await publisher.submit(userCreated(1));
    expect(endpoint.requests[0]?.Entries[0]?.EventBusName).toBe('user-system-dev-event-bus');
  });

  it("publishes to the account's default bus when asked for by name", async () => {
    clearDiscoveryVariables();
    endpoint = await startPutEventsEndpoint();
    const publisher = new EventPublisher({ client: endpoint.client(), eventBusName: 'default' });
    await publisher.submit(userCreated(1));
    expect(endpoint.requests[0]?.Entries[0]).toMatchObject({
      EventBusName: 'default',
      Source: 'davinci',
    });
  });
});
