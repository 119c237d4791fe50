import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { bodyOf, receiveMessages, sdkClients } from './support/clients.js';
import { createQueue } from './support/queues.js';

let sandbox: Sandbox;
let clients: ReturnType<typeof sdkClients>;

beforeAll(async () => {
  sandbox = await startSandbox({ dynamodb: false });
  clients = sdkClients(sandbox);
});
afterAll(() => sandbox?.stop());

const entry = (detail: object = { n: 1 }) => ({
  Source: 'shop',
  DetailType: 'order.placed',
  Detail: JSON.stringify(detail),
});

describe('PutEvents limits (whole request rejected)', () => {
  it('accepts 10 entries and rejects 11', async () => {
    const ten = await clients.events.send(
      new PutEventsCommand({ Entries: Array.from({ length: 10 }, () => entry()) }),
    );
    expect(ten.FailedEntryCount).toBe(0);
    expect(ten.Entries).toHaveLength(10);
    await expect(
      clients.events.send(
        new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry()) }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 10'),
    });
  });

  it('rejects an empty request', async () => {
    await expect(clients.events.send(new PutEventsCommand({ Entries: [] }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('accepts exactly 256 KB of entries and rejects one byte more', async () => {
    // Counted as AWS counts: Source + DetailType + Detail (+ Resources, + 14 for Time).
    const limit = 256 * 1024;
    const detailOfSize = (bytes: number) =>
      JSON.stringify({ pad: 'x'.repeat(bytes - '{"pad":""}'.length) });
    const fitting = { Source: 's', DetailType: 'd', Detail: detailOfSize(limit - 2) };
    const fits = await clients.events.send(new PutEventsCommand({ Entries: [fitting] }));
    expect(fits.FailedEntryCount).toBe(0);

    const tooBig = { Source: 's', DetailType: 'd', Detail: detailOfSize(limit - 1) };
    await expect(
      clients.events.send(new PutEventsCommand({ Entries: [tooBig] })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });

    const half = { Source: 's', DetailType: 'd', Detail: detailOfSize(limit / 2) };
    await expect(
      clients.events.send(new PutEventsCommand({ Entries: [half, half] })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});

describe('PutEvents per-entry failures', () => {
  it('fails bad entries one by one and accepts the rest, in request order', async () => {
    const result = await clients.events.send(
      new PutEventsCommand({
        Entries: [
          entry(),
          { DetailType: 'x', Detail: '{}' },
          { Source: 'shop', Detail: '{}' },
          { Source: 'shop', DetailType: 'x' },
          { Source: 'shop', DetailType: 'x', Detail: '{"unterminated": ' },
          { Source: 'shop', DetailType: 'x', Detail: '[1, 2]' },
          { Source: 'shop', DetailType: 'x', Detail: '"just a string"' },
          entry({ n: 2 }),
          { Source: 'aws.s3', DetailType: 'x', Detail: '{}' },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(7);
    const entries = result.Entries ?? [];
    expect(entries).toHaveLength(9);
    expect(entries[0]?.EventId).toBeTypeOf('string');
    expect(entries[1]).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
    });
    expect(entries[2]).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
    });
    expect(entries[3]).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
    });
    for (const malformed of entries.slice(4, 7)) {
      expect(malformed).toEqual({
        ErrorCode: 'MalformedDetail',
        ErrorMessage: 'Detail is malformed.',
      });
    }
    expect(entries[7]?.EventId).toBeTypeOf('string');
    expect(entries[8]).toEqual({
      ErrorCode: 'NotAuthorizedForSourceException',
      ErrorMessage: 'Not authorized for the source.',
    });
  });

  it('fails an entry whose Time no date can show (1e20 s) by itself, not the whole request', async () => {
    const response = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSEvents.PutEvents',
      },
      body: JSON.stringify({
        Entries: [
          { ...entry(), Time: 1e20 },
          { ...entry(), Time: -1e20 },
          { ...entry(), Time: 1_772_600_767 },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      FailedEntryCount: number;
      Entries: { ErrorCode?: string; ErrorMessage?: string; EventId?: string }[];
    };
    expect(answer.FailedEntryCount).toBe(2);
    const invalidTime = {
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Time is not valid. Reason: Time must be a timestamp.',
    };
    expect(answer.Entries.slice(0, 2)).toEqual([invalidTime, invalidTime]);
    expect(answer.Entries[2]).toEqual({ EventId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const next = await clients.events.send(new PutEventsCommand({ Entries: [entry()] }));
    expect(next.FailedEntryCount).toBe(0);
  });

  it('refuses a body that is not UTF-8 with SerializationException, not a U+FFFD detail', async () => {
    const body = Buffer.concat([
      Buffer.from('{"Entries":[{"Source":"shop","DetailType":"d","Detail":"{\\"a\\":\\"'),
      Buffer.from([0xff]),
      Buffer.from('\\"}"}]}'),
    ]);
    const response = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSEvents.PutEvents',
      },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      __type: expect.stringContaining('SerializationException'),
    });
  });

  it('refuses a Detail nested deeper than 1,000 levels per entry, and takes 1,000', async () => {
    const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
    const answer = await clients.events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 's', DetailType: 'deep', Detail: nested(20_000) },
          { Source: 's', DetailType: 'deep', Detail: nested(1_001) },
          { Source: 's', DetailType: 'deep', Detail: nested(1_000) },
          // brackets inside strings are text, not nesting
          { Source: 's', DetailType: 'deep', Detail: JSON.stringify({ a: '{['.repeat(2_000) }) },
        ],
      }),
    );
    const tooDeep = {
      ErrorCode: 'MalformedDetail',
      ErrorMessage: 'Detail is malformed: it nests deeper than 1000 levels.',
    };
    expect(answer.FailedEntryCount).toBe(2);
    expect(answer.Entries?.slice(0, 2)).toEqual([tooDeep, tooDeep]);
    expect(answer.Entries?.slice(2).map((item) => typeof item.EventId)).toEqual([
      'string',
      'string',
    ]);
  });

  it('gives every event its own id', async () => {
    const ids = new Set<string>();
    for (let round = 0; round < 5; round++) {
      const result = await clients.events.send(
        new PutEventsCommand({ Entries: Array.from({ length: 10 }, (_, n) => entry({ n })) }),
      );
      for (const item of result.Entries ?? []) ids.add(item.EventId ?? '');
    }
    expect(ids.size).toBe(50);
    expect(ids.has('')).toBe(false);
  });

  it('accepts events for a bus that does not exist (as AWS) and records that they were dropped', async () => {
    const result = await clients.events.send(
      new PutEventsCommand({ Entries: [{ ...entry(), EventBusName: 'no-such-bus' }] }),
    );
    expect(result.FailedEntryCount).toBe(0);
    const eventId = result.Entries?.[0]?.EventId;
    expect(sandbox.events.deliveryFailures()).toContainEqual(
      expect.objectContaining({ eventId, busName: 'no-such-bus', code: 'EventBusNotFound' }),
    );
  });
});

describe('the delivered event', () => {
  it('has the EventBridge envelope: id, second-precision time, account, region, resources', async () => {
    const queue = await createQueue(clients.sqs, 'envelope');
    await clients.events.send(
      new PutRuleCommand({ Name: 'envelope', EventPattern: '{"source":["envelope-test"]}' }),
    );
    await clients.events.send(
      new PutTargetsCommand({ Rule: 'envelope', Targets: [{ Id: 'q', Arn: queue.arn }] }),
    );
    const put = await clients.events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'envelope-test',
            DetailType: 'thing.happened',
            Detail: '{"a": {"b": [1, 2]}}',
            Resources: ['arn:aws:s3:::bucket'],
          },
          {
            Source: 'envelope-test',
            DetailType: 'thing.dated',
            Detail: '{}',
            Time: new Date('2026-03-04T05:06:07.890Z'),
          },
        ],
      }),
    );
    const [first, second] = (await receiveMessages(clients.sqs, queue.url, 2)).map(bodyOf);
    expect(first).toEqual({
      version: '0',
      id: put.Entries?.[0]?.EventId,
      'detail-type': 'thing.happened',
      source: 'envelope-test',
      account: '000000000000',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'us-east-1',
      resources: ['arn:aws:s3:::bucket'],
      detail: { a: { b: [1, 2] } },
    });
    expect(second).toMatchObject({
      id: put.Entries?.[1]?.EventId,
      time: '2026-03-04T05:06:07Z',
      resources: [],
    });
  });
});
