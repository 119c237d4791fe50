import { describe, expect, it } from 'vitest';
import { acceleratedClock, type SandboxClock, systemClock } from '../../../clock.js';
import type { EventBridgeEvent } from '../models/event.js';
import type { Rule } from '../models/rule.js';
import type { Target } from '../models/target.js';
import { DeliveryDispatcher, type DeliveryOutcome, type TargetSink } from './dispatcher.js';
import { compileTargetInput } from './target-input.js';

const makeEvent = (n: number): EventBridgeEvent => ({
  version: '0',
  id: `e-${n}`,
  'detail-type': 't',
  source: 's',
  account: '000000000000',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { n },
});

function ruleWith(...targets: Target[]): Rule {
  return {
    name: 'r',
    arn: 'arn:aws:events:us-east-1:000000000000:rule/r',
    busName: 'default',
    eventPattern: '{}',
    matches: () => true,
    state: 'ENABLED',
    targets: new Map(
      targets.map((definition) => [
        definition.Id,
        { definition, input: compileTargetInput(definition) },
      ]),
    ),
  };
}

const queue = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const lambda = 'arn:aws:lambda:us-east-1:000000000000:function:f';
/** Wall-clock timers, but a time that reads 42: failure records carry it. */
const clockAt42: SandboxClock = { ...systemClock, now: () => 42 };

/** Backoff jitter at its lowest: retry waits of exactly 0.5, 1, 2, 4, … s. */
const lowest = () => 0;
const START = 1_767_225_600_000;

/**
 * A clock moved by hand: time stands still until `fireNext` moves it to the earliest scheduled
 * callback's time, plus `lateByMs` for a timer that fires late, and runs that callback.
 */
function manualClock() {
  let time = START;
  const pending: { due: number; callback: () => void }[] = [];
  const clock: SandboxClock = {
    now: () => time,
    schedule(callback, ms) {
      const timer = { due: time + ms, callback };
      pending.push(timer);
      return () => {
        const index = pending.indexOf(timer);
        if (index >= 0) pending.splice(index, 1);
      };
    },
    sleep: () => Promise.reject(new Error('the dispatcher does not sleep')),
  };
  return {
    clock,
    fireNext(lateByMs: number): void {
      pending.sort((a, b) => a.due - b.due);
      const next = pending.shift();
      if (!next) return;
      time = Math.max(time, next.due + lateByMs);
      next.callback();
    },
  };
}

/** Fires the dispatcher's timers one at a time, each `lateByMs` late, until it has drained. */
async function fireUntilDrained(
  dispatcher: DeliveryDispatcher,
  manual: ReturnType<typeof manualClock>,
  lateByMs: number,
): Promise<void> {
  let drained = false;
  const done = dispatcher.drain().then(() => {
    drained = true;
  });
  for (let turn = 0; turn < 1_000 && !drained; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
    manual.fireNext(lateByMs);
  }
  expect(drained).toBe(true);
  await done;
}

describe('DeliveryDispatcher', () => {
  it('delivers after the caller returns, in order per target, even with a slow sink', async () => {
    const delivered: string[] = [];
    const slowSink: TargetSink = async (arn, body) => {
      await new Promise((resolve) => setTimeout(resolve, arn.endsWith('slow') ? 5 : 0));
      delivered.push(
        `${arn.split(':').at(-1)}:${(JSON.parse(body) as { detail: { n: number } }).detail.n}`,
      );
      return { ok: true };
    };
    const dispatcher = new DeliveryDispatcher(new Map([['sqs', slowSink]]), systemClock);
    const rule = ruleWith({ Id: 'slow', Arn: queue('slow') }, { Id: 'fast', Arn: queue('fast') });
    for (let n = 0; n < 5; n++) {
      for (const target of rule.targets.values())
        dispatcher.enqueue(makeEvent(n), rule, target, 'now');
    }
    expect(delivered).toEqual([]);
    await dispatcher.drain();
    expect(delivered.filter((item) => item.startsWith('slow'))).toEqual([
      'slow:0',
      'slow:1',
      'slow:2',
      'slow:3',
      'slow:4',
    ]);
    expect(delivered.filter((item) => item.startsWith('fast'))).toEqual([
      'fast:0',
      'fast:1',
      'fast:2',
      'fast:3',
      'fast:4',
    ]);
    expect(dispatcher.failures()).toEqual([]);
  });

  it('parks a failed delivery in the dead-letter queue and records both failures otherwise', async () => {
    const parked: string[] = [];
    const sink: TargetSink = (arn, body): DeliveryOutcome => {
      if (arn === queue('dlq')) {
        parked.push(body);
        return { ok: true };
      }
      return {
        ok: false,
        code: 'AWS.SimpleQueueService.NonExistentQueue',
        message: `no queue ${arn}`,
      };
    };
    const seen: string[] = [];
    const dispatcher = new DeliveryDispatcher(new Map([['sqs', sink]]), clockAt42, (failure) =>
      seen.push(failure.eventId),
    );
    const rule = ruleWith(
      {
        Id: 'with-dlq',
        Arn: queue('gone'),
        InputPath: '$.detail',
        DeadLetterConfig: { Arn: queue('dlq') },
      },
      { Id: 'dlq-gone-too', Arn: queue('gone'), DeadLetterConfig: { Arn: queue('also-gone') } },
      { Id: 'lambda', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:f' },
    );
    for (const target of rule.targets.values())
      dispatcher.enqueue(makeEvent(1), rule, target, 'now');
    await dispatcher.drain();

    expect(parked.map((body) => JSON.parse(body))).toEqual([makeEvent(1)]);
    const failures = dispatcher.failures();
    expect(failures).toHaveLength(3);
    expect(failures.find((failure) => failure.targetId === 'with-dlq')).toMatchObject({
      time: 42,
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      deadLetteredTo: queue('dlq'),
      // A queue that does not exist is a lasting failure: no retries.
      attempts: 1,
    });
    const doubleFailure = failures.find((failure) => failure.targetId === 'dlq-gone-too');
    expect(doubleFailure?.deadLetteredTo).toBeUndefined();
    expect(doubleFailure?.message).toMatch(/dead-letter queue .*also-gone refused it too/);
    expect(failures.find((failure) => failure.targetId === 'lambda')).toMatchObject({
      code: 'UnsupportedTarget',
    });
    expect(seen).toEqual(['e-1', 'e-1', 'e-1']);
  });

  it('passes the FIFO group and the event id as deduplication id to FIFO queues', async () => {
    const options: unknown[] = [];
    const recordingSink: TargetSink = (_arn, _body, sinkOptions) => {
      options.push(sinkOptions);
      return { ok: true };
    };
    const dispatcher = new DeliveryDispatcher(new Map([['sqs', recordingSink]]), systemClock);
    const rule = ruleWith(
      { Id: 'fifo', Arn: queue('q.fifo'), SqsParameters: { MessageGroupId: 'g' } },
      { Id: 'standard', Arn: queue('q') },
    );
    for (const target of rule.targets.values())
      dispatcher.enqueue(makeEvent(7), rule, target, 'now');
    await dispatcher.drain();
    expect(options).toEqual(
      expect.arrayContaining([
        {
          messageGroupId: 'g',
          messageDeduplicationId: 'e-7',
          sourceArn: 'arn:aws:events:us-east-1:000000000000:rule/r',
        },
        { sourceArn: 'arn:aws:events:us-east-1:000000000000:rule/r' },
      ]),
    );
  });

  describe('retries', () => {
    /** A sink for `lambda` ARNs that fails transiently `failures` times, then accepts. */
    function flakySink(failures: number, parked: string[] = []) {
      const calls: number[] = [];
      const sink: TargetSink = (arn, body): DeliveryOutcome => {
        if (arn.startsWith('arn:aws:sqs:')) {
          parked.push(body);
          return { ok: true };
        }
        calls.push(calls.length + 1);
        if (calls.length <= failures) {
          return { ok: false, code: 'TooManyRequestsException', message: 'busy', retryable: true };
        }
        return { ok: true };
      };
      return { calls, sink };
    }

    /**
     * A sink for `lambda` ARNs that always fails transiently and notes the clock time of each
     * call; `sqs` ARNs (the dead-letter queue) take the event.
     */
    function timedFlakySink(clock: SandboxClock, parked: string[] = []) {
      const callTimes: number[] = [];
      const sink: TargetSink = (arn, body): DeliveryOutcome => {
        if (arn.startsWith('arn:aws:sqs:')) {
          parked.push(body);
          return { ok: true };
        }
        callTimes.push(clock.now());
        return { ok: false, code: 'TooManyRequestsException', message: 'busy', retryable: true };
      };
      return { callTimes, sink };
    }

    it('retries a transient failure until it succeeds; drain waits for the retries', async () => {
      const { calls, sink } = flakySink(3);
      const dispatcher = new DeliveryDispatcher(
        new Map([
          ['lambda', sink],
          ['sqs', sink],
        ]),
        acceleratedClock(10_000),
      );
      const rule = ruleWith({ Id: 'f', Arn: lambda });
      for (const target of rule.targets.values())
        dispatcher.enqueue(makeEvent(1), rule, target, 'now');
      await dispatcher.drain();
      expect(calls).toEqual([1, 2, 3, 4]);
      expect(dispatcher.failures()).toEqual([]);
    });

    it('gives up after MaximumRetryAttempts, then parks the event in the dead-letter queue', async () => {
      const parked: string[] = [];
      const { calls, sink } = flakySink(Number.POSITIVE_INFINITY, parked);
      const dispatcher = new DeliveryDispatcher(
        new Map([
          ['lambda', sink],
          ['sqs', sink],
        ]),
        acceleratedClock(10_000),
      );
      const rule = ruleWith({
        Id: 'f',
        Arn: lambda,
        RetryPolicy: { MaximumRetryAttempts: 2 },
        DeadLetterConfig: { Arn: queue('dlq') },
      });
      for (const target of rule.targets.values())
        dispatcher.enqueue(makeEvent(1), rule, target, 'now');
      await dispatcher.drain();
      expect(calls).toHaveLength(3);
      expect(parked.map((body) => JSON.parse(body))).toEqual([makeEvent(1)]);
      expect(dispatcher.failures()).toEqual([
        expect.objectContaining({
          code: 'TooManyRequestsException',
          attempts: 3,
          retriesExhausted: 'MaximumRetryAttempts',
          deadLetteredTo: queue('dlq'),
        }),
      ]);
    });

    it('gives up when the next retry would come after MaximumEventAgeInSeconds', async () => {
      const manual = manualClock();
      const { callTimes, sink } = timedFlakySink(manual.clock);
      const dispatcher = new DeliveryDispatcher(
        new Map([['lambda', sink]]),
        manual.clock,
        undefined,
        lowest,
      );
      const rule = ruleWith({
        Id: 'f',
        Arn: lambda,
        RetryPolicy: { MaximumEventAgeInSeconds: 60 },
      });
      for (const target of rule.targets.values())
        dispatcher.enqueue(makeEvent(1), rule, target, 'now');
      await fireUntilDrained(dispatcher, manual, 0);
      // Waits of 0.5, 1, 2, 4, 8 and 16 s; the next, 32 s, would end at 63.5 s.
      expect(callTimes.map((time) => time - START)).toEqual([
        0, 500, 1_500, 3_500, 7_500, 15_500, 31_500,
      ]);
      expect(dispatcher.failures()).toEqual([
        expect.objectContaining({
          time: START + 31_500,
          attempts: 7,
          code: 'TooManyRequestsException',
          retriesExhausted: 'MaximumEventAgeInSeconds',
        }),
      ]);
    });

    it('does not try a retry whose timer fires after MaximumEventAgeInSeconds; the event goes to the dead-letter queue then', async () => {
      const parked: string[] = [];
      const manual = manualClock();
      const { callTimes, sink } = timedFlakySink(manual.clock, parked);
      const dispatcher = new DeliveryDispatcher(
        new Map([
          ['lambda', sink],
          ['sqs', sink],
        ]),
        manual.clock,
        undefined,
        lowest,
      );
      const rule = ruleWith({
        Id: 'f',
        Arn: lambda,
        RetryPolicy: { MaximumEventAgeInSeconds: 60 },
        DeadLetterConfig: { Arn: queue('dlq') },
      });
      for (const target of rule.targets.values())
        dispatcher.enqueue(makeEvent(1), rule, target, 'now');
      // Every timer fires 40 s late: the first retry (due at 0.5 s) runs at 40.5 s, the second
      // (due 1 s later) would run at 81.5 s, past the event's minute.
      await fireUntilDrained(dispatcher, manual, 40_000);
      expect(callTimes.map((time) => time - START)).toEqual([0, 40_500]);
      expect(parked.map((body) => JSON.parse(body))).toEqual([makeEvent(1)]);
      expect(dispatcher.failures()).toEqual([
        expect.objectContaining({
          time: START + 81_500,
          attempts: 2,
          code: 'TooManyRequestsException',
          retriesExhausted: 'MaximumEventAgeInSeconds',
          deadLetteredTo: queue('dlq'),
        }),
      ]);
      expect(dispatcher.failures()[0]?.message).toBe(
        'busy; retry 2 came due after MaximumEventAgeInSeconds',
      );
    });

    it('retries a sink that throws', async () => {
      let calls = 0;
      const throwsOnce: TargetSink = () => {
        calls += 1;
        if (calls === 1) throw new Error('connection reset');
        return { ok: true };
      };
      const dispatcher = new DeliveryDispatcher(
        new Map([['lambda', throwsOnce]]),
        acceleratedClock(10_000),
      );
      const rule = ruleWith({ Id: 'f', Arn: lambda });
      for (const target of rule.targets.values())
        dispatcher.enqueue(makeEvent(1), rule, target, 'now');
      await dispatcher.drain();
      expect(calls).toBe(2);
      expect(dispatcher.failures()).toEqual([]);
    });

    it('keeps later events of the target moving while one waits for its retry', async () => {
      const delivered: number[] = [];
      let failedOnce = false;
      const sink: TargetSink = (_arn, body): DeliveryOutcome => {
        const { n } = (JSON.parse(body) as { detail: { n: number } }).detail;
        if (n === 0 && !failedOnce) {
          failedOnce = true;
          return { ok: false, code: 'Throttled', message: 'busy', retryable: true };
        }
        delivered.push(n);
        return { ok: true };
      };
      const dispatcher = new DeliveryDispatcher(
        new Map([['lambda', sink]]),
        acceleratedClock(1_000),
      );
      const rule = ruleWith({ Id: 'f', Arn: lambda });
      for (let n = 0; n < 3; n++) {
        for (const target of rule.targets.values())
          dispatcher.enqueue(makeEvent(n), rule, target, 'now');
      }
      await dispatcher.drain();
      expect(delivered).toEqual([1, 2, 0]);
    });

    it('records scheduled retries as failures when closed, without waiting for them', async () => {
      const { calls, sink } = flakySink(Number.POSITIVE_INFINITY);
      // The wall clock: the first retry is at least half a second away.
      const dispatcher = new DeliveryDispatcher(new Map([['lambda', sink]]), systemClock);
      const rule = ruleWith({ Id: 'f', Arn: lambda });
      for (const target of rule.targets.values())
        dispatcher.enqueue(makeEvent(1), rule, target, 'now');
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(calls).toEqual([1]);
      await dispatcher.close();
      expect(calls).toEqual([1]);
      expect(dispatcher.failures()).toEqual([
        expect.objectContaining({ attempts: 1, code: 'TooManyRequestsException' }),
      ]);
      expect(dispatcher.failures()[0]?.message).toMatch(/sandbox stopped before retry 1/);
    });
  });
});
