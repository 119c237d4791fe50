import {
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceleratedClock,
  type DeliveryFailure,
  type DeliveryOutcome,
  type Sandbox,
  startSandbox,
} from '../src/index.js';
import { bodyOf, receiveMessages, sdkClients } from './support/clients.js';
import { createQueue } from './support/queues.js';

// An hour of retries passes in under a second.
let sandbox: Sandbox;
let clients: ReturnType<typeof sdkClients>;
const reported: DeliveryFailure[] = [];
/** How many more times each function ARN fails transiently before it accepts. */
const failuresLeft = new Map<string, number>();
const attempts = new Map<string, number>();

beforeAll(async () => {
  sandbox = await startSandbox({
    dynamodb: false,
    clock: acceleratedClock(10_000),
    onDeliveryFailure: (failure) => reported.push(failure),
  });
  clients = sdkClients(sandbox);
  // A stand-in for a service that is briefly unavailable.
  sandbox.events.attachTargetSink('lambda', (arn): DeliveryOutcome => {
    attempts.set(arn, (attempts.get(arn) ?? 0) + 1);
    const left = failuresLeft.get(arn) ?? 0;
    if (left === 0) return { ok: true };
    failuresLeft.set(arn, left - 1);
    return {
      ok: false,
      code: 'TooManyRequestsException',
      message: 'Rate exceeded',
      retryable: true,
    };
  });
});
afterAll(() => sandbox?.stop());

const functionArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

async function routeAndPublish(rule: string, target: Target): Promise<string | undefined> {
  await clients.events.send(
    new PutRuleCommand({ Name: rule, EventPattern: JSON.stringify({ 'detail-type': [rule] }) }),
  );
  await clients.events.send(new PutTargetsCommand({ Rule: rule, Targets: [target] }));
  const { Entries = [] } = await clients.events.send(
    new PutEventsCommand({
      Entries: [{ Source: 'orders-app', DetailType: rule, Detail: JSON.stringify({ rule }) }],
    }),
  );
  return Entries[0]?.EventId;
}

describe('delivery retries (RetryPolicy)', () => {
  it('retries a transient failure on the sandbox clock until the target accepts', async () => {
    const arn = functionArn('recovers');
    failuresLeft.set(arn, 4);
    const id = await routeAndPublish('recovers', { Id: 'fn', Arn: arn });
    await sandbox.events.drain();
    expect(attempts.get(arn)).toBe(5);
    expect(sandbox.events.deliveryFailures().filter((failure) => failure.eventId === id)).toEqual(
      [],
    );
  });

  it('stops at MaximumRetryAttempts, then sends the original event to the dead-letter queue', async () => {
    const dlq = await createQueue(clients.sqs, 'retries-dlq');
    const arn = functionArn('keeps-failing');
    failuresLeft.set(arn, Number.POSITIVE_INFINITY);
    const target = {
      Id: 'fn',
      Arn: arn,
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
      DeadLetterConfig: { Arn: dlq.arn },
    };
    const id = await routeAndPublish('keeps-failing', target);
    const { Targets } = await clients.events.send(
      new ListTargetsByRuleCommand({ Rule: 'keeps-failing' }),
    );
    expect(Targets?.[0]?.RetryPolicy).toEqual(target.RetryPolicy);
    await sandbox.events.drain();
    expect(attempts.get(arn)).toBe(4);
    const [parked] = await receiveMessages(clients.sqs, dlq.url, 1);
    expect(bodyOf(parked ?? {})).toMatchObject({ id, 'detail-type': 'keeps-failing' });
    const failure = sandbox.events.deliveryFailures().find((item) => item.eventId === id);
    expect(failure).toMatchObject({
      targetArn: arn,
      code: 'TooManyRequestsException',
      attempts: 4,
      retriesExhausted: 'MaximumRetryAttempts',
      deadLetteredTo: dlq.arn,
    });
    expect(reported).toContainEqual(failure);
  });

  it('stops when the event is older than MaximumEventAgeInSeconds, and records it', async () => {
    const arn = functionArn('too-old');
    failuresLeft.set(arn, Number.POSITIVE_INFINITY);
    const id = await routeAndPublish('too-old', {
      Id: 'fn',
      Arn: arn,
      RetryPolicy: { MaximumEventAgeInSeconds: 600 },
    });
    await sandbox.events.drain();
    const failure = sandbox.events.deliveryFailures().find((item) => item.eventId === id);
    expect(failure).toMatchObject({ retriesExhausted: 'MaximumEventAgeInSeconds' });
    expect(failure?.deadLetteredTo).toBeUndefined();
    // How many retries fit into the age depends on how late the process runs each timer on this
    // fast clock (dispatcher.test.ts pins them on a clock moved by hand); the record counts them
    // all, and far fewer than the 185 attempts the default allows: the age limit ended them.
    expect(failure?.attempts).toBe(attempts.get(arn));
    expect(attempts.get(arn)).toBeLessThan(185);
  });
});
