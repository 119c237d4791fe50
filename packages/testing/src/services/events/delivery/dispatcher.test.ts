import { describe, expect, it } from 'vitest';
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
    const dispatcher = new DeliveryDispatcher(new Map([['sqs', slowSink]]), () => 0);
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
    const dispatcher = new DeliveryDispatcher(
      new Map([['sqs', sink]]),
      () => 42,
      (failure) => seen.push(failure.eventId),
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
    const dispatcher = new DeliveryDispatcher(new Map([['sqs', recordingSink]]), () => 0);
    const rule = ruleWith(
      { Id: 'fifo', Arn: queue('q.fifo'), SqsParameters: { MessageGroupId: 'g' } },
      { Id: 'standard', Arn: queue('q') },
    );
    for (const target of rule.targets.values())
      dispatcher.enqueue(makeEvent(7), rule, target, 'now');
    await dispatcher.drain();
    expect(options).toEqual(
      expect.arrayContaining([{ messageGroupId: 'g', messageDeduplicationId: 'e-7' }, {}]),
    );
  });
});
