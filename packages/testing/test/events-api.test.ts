import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { sdkClients } from './support/clients.js';

let sandbox: Sandbox;
let events: ReturnType<typeof sdkClients>['events'];

beforeAll(async () => {
  sandbox = await startSandbox({ dynamodb: false });
  events = sdkClients(sandbox).events;
});
afterAll(() => sandbox?.stop());

const ARN_PREFIX = 'arn:aws:events:us-east-1:000000000000';

describe('event buses', () => {
  it('always has the default bus', async () => {
    const bus = await events.send(new DescribeEventBusCommand({}));
    expect(bus.Name).toBe('default');
    expect(bus.Arn).toBe(`${ARN_PREFIX}:event-bus/default`);
    expect(bus.CreationTime).toBeInstanceOf(Date);
  });

  it('creates, describes (by name and ARN), lists and deletes a bus', async () => {
    const created = await events.send(
      new CreateEventBusCommand({ Name: 'orders', Description: 'order events' }),
    );
    expect(created.EventBusArn).toBe(`${ARN_PREFIX}:event-bus/orders`);

    const byName = await events.send(new DescribeEventBusCommand({ Name: 'orders' }));
    expect(byName).toMatchObject({
      Name: 'orders',
      Description: 'order events',
      Arn: created.EventBusArn,
    });
    const byArn = await events.send(new DescribeEventBusCommand({ Name: created.EventBusArn }));
    expect(byArn.Name).toBe('orders');

    await events.send(new CreateEventBusCommand({ Name: 'ordinary' }));
    const listed = await events.send(new ListEventBusesCommand({ NamePrefix: 'ord' }));
    expect(listed.EventBuses?.map((bus) => bus.Name)).toEqual(['orders', 'ordinary']);
    const all = await events.send(new ListEventBusesCommand({}));
    expect(all.EventBuses?.map((bus) => bus.Name)).toContain('default');

    await events.send(new DeleteEventBusCommand({ Name: 'orders' }));
    await expect(
      events.send(new DescribeEventBusCommand({ Name: 'orders' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus orders does not exist.',
    });
  });

  it('refuses a duplicate bus, an invalid name and deleting the default bus', async () => {
    await events.send(new CreateEventBusCommand({ Name: 'twice' }));
    await expect(events.send(new CreateEventBusCommand({ Name: 'twice' }))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
    });
    await expect(events.send(new CreateEventBusCommand({ Name: 'default' }))).rejects.toMatchObject(
      {
        name: 'ResourceAlreadyExistsException',
      },
    );
    await expect(
      events.send(new CreateEventBusCommand({ Name: 'has space' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(events.send(new DeleteEventBusCommand({ Name: 'default' }))).rejects.toMatchObject(
      {
        name: 'ValidationException',
        message: 'Cannot delete event bus default.',
      },
    );
  });
});

describe('rules', () => {
  const pattern = JSON.stringify({ source: ['shop'], 'detail-type': [{ prefix: 'order.' }] });

  it('creates rules with AWS-shaped ARNs on the default and on a custom bus', async () => {
    await events.send(new CreateEventBusCommand({ Name: 'billing' }));
    const onDefault = await events.send(
      new PutRuleCommand({ Name: 'orders', EventPattern: pattern }),
    );
    expect(onDefault.RuleArn).toBe(`${ARN_PREFIX}:rule/orders`);
    const onCustom = await events.send(
      new PutRuleCommand({ Name: 'invoices', EventPattern: pattern, EventBusName: 'billing' }),
    );
    expect(onCustom.RuleArn).toBe(`${ARN_PREFIX}:rule/billing/invoices`);
  });

  it('describes a rule with its pattern text exactly as given', async () => {
    const spaced = '{ "source" : [ "shop" ] }';
    await events.send(
      new PutRuleCommand({ Name: 'spaced', EventPattern: spaced, Description: 'keeps text' }),
    );
    const rule = await events.send(new DescribeRuleCommand({ Name: 'spaced' }));
    expect(rule).toMatchObject({
      Name: 'spaced',
      EventPattern: spaced,
      State: 'ENABLED',
      Description: 'keeps text',
      EventBusName: 'default',
      CreatedBy: '000000000000',
    });
  });

  it('rejects an invalid pattern, a missing pattern, a schedule and an unknown bus', async () => {
    await expect(
      events.send(
        new PutRuleCommand({ Name: 'bad', EventPattern: JSON.stringify({ source: 'shop' }) }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
    await expect(
      events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{not json' })),
    ).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
    });
    await expect(events.send(new PutRuleCommand({ Name: 'bad' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter(s) EventPattern or ScheduleExpression must be specified.',
    });
    const schedule = events.send(
      new PutRuleCommand({ Name: 'nightly', ScheduleExpression: 'rate(1 day)' }),
    );
    await expect(schedule).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(schedule).rejects.toThrow(/ScheduleExpression is not supported by the sandbox/);
    await expect(
      events.send(
        new PutRuleCommand({ Name: 'lost', EventPattern: pattern, EventBusName: 'nowhere' }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(events.send(new DescribeRuleCommand({ Name: 'bad' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule bad does not exist on EventBus default.',
    });
  });

  it('lists rules by prefix and bus, page by page', async () => {
    await events.send(new CreateEventBusCommand({ Name: 'paged' }));
    for (const name of ['a-1', 'a-2', 'a-3', 'b-1']) {
      await events.send(
        new PutRuleCommand({ Name: name, EventPattern: pattern, EventBusName: 'paged' }),
      );
    }
    const prefixed = await events.send(
      new ListRulesCommand({ EventBusName: 'paged', NamePrefix: 'a-' }),
    );
    expect(prefixed.Rules?.map((rule) => rule.Name)).toEqual(['a-1', 'a-2', 'a-3']);
    expect(prefixed.Rules?.[0]).toMatchObject({
      EventPattern: pattern,
      State: 'ENABLED',
      EventBusName: 'paged',
    });

    const first = await events.send(new ListRulesCommand({ EventBusName: 'paged', Limit: 3 }));
    expect(first.Rules?.map((rule) => rule.Name)).toEqual(['a-1', 'a-2', 'a-3']);
    expect(first.NextToken).toBeTypeOf('string');
    const second = await events.send(
      new ListRulesCommand({ EventBusName: 'paged', Limit: 3, NextToken: first.NextToken }),
    );
    expect(second.Rules?.map((rule) => rule.Name)).toEqual(['b-1']);
    expect(second.NextToken).toBeUndefined();
    await expect(
      events.send(new ListRulesCommand({ EventBusName: 'paged', NextToken: 'not-a-token' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('disables and enables a rule', async () => {
    await events.send(new PutRuleCommand({ Name: 'toggled', EventPattern: pattern }));
    await events.send(new DisableRuleCommand({ Name: 'toggled' }));
    expect((await events.send(new DescribeRuleCommand({ Name: 'toggled' }))).State).toBe(
      'DISABLED',
    );
    await events.send(new EnableRuleCommand({ Name: 'toggled' }));
    expect((await events.send(new DescribeRuleCommand({ Name: 'toggled' }))).State).toBe('ENABLED');
    await expect(events.send(new EnableRuleCommand({ Name: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('targets', () => {
  const pattern = JSON.stringify({ source: ['shop'] });
  const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

  it('puts, lists and removes targets; a rule with targets cannot be deleted', async () => {
    await events.send(new PutRuleCommand({ Name: 'with-targets', EventPattern: pattern }));
    const put = await events.send(
      new PutTargetsCommand({
        Rule: 'with-targets',
        Targets: [
          { Id: 'whole', Arn: queueArn('q1') },
          { Id: 'detail', Arn: queueArn('q2'), InputPath: '$.detail' },
          {
            Id: 'shaped',
            Arn: queueArn('q3'),
            InputTransformer: {
              InputPathsMap: { id: '$.detail.id' },
              InputTemplate: '{"orderId": <id>}',
            },
            DeadLetterConfig: { Arn: queueArn('dlq') },
          },
        ],
      }),
    );
    expect(put).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });

    const listed = await events.send(new ListTargetsByRuleCommand({ Rule: 'with-targets' }));
    expect(listed.Targets).toEqual([
      { Id: 'whole', Arn: queueArn('q1') },
      { Id: 'detail', Arn: queueArn('q2'), InputPath: '$.detail' },
      {
        Id: 'shaped',
        Arn: queueArn('q3'),
        InputTransformer: {
          InputPathsMap: { id: '$.detail.id' },
          InputTemplate: '{"orderId": <id>}',
        },
        DeadLetterConfig: { Arn: queueArn('dlq') },
      },
    ]);

    await expect(
      events.send(new DeleteRuleCommand({ Name: 'with-targets' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: "Rule can't be deleted since it has targets.",
    });
    await events.send(
      new RemoveTargetsCommand({ Rule: 'with-targets', Ids: ['whole', 'detail', 'shaped'] }),
    );
    expect(
      (await events.send(new ListTargetsByRuleCommand({ Rule: 'with-targets' }))).Targets,
    ).toEqual([]);
    await events.send(new DeleteRuleCommand({ Name: 'with-targets' }));
    await expect(
      events.send(new DescribeRuleCommand({ Name: 'with-targets' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('replaces a target put again under the same id', async () => {
    await events.send(new PutRuleCommand({ Name: 'replaced', EventPattern: pattern }));
    await events.send(
      new PutTargetsCommand({ Rule: 'replaced', Targets: [{ Id: 't', Arn: queueArn('old') }] }),
    );
    await events.send(
      new PutTargetsCommand({ Rule: 'replaced', Targets: [{ Id: 't', Arn: queueArn('new') }] }),
    );
    const listed = await events.send(new ListTargetsByRuleCommand({ Rule: 'replaced' }));
    expect(listed.Targets).toEqual([{ Id: 't', Arn: queueArn('new') }]);
  });

  it('keeps targets when the rule is put again', async () => {
    await events.send(new PutRuleCommand({ Name: 'kept', EventPattern: pattern }));
    await events.send(
      new PutTargetsCommand({ Rule: 'kept', Targets: [{ Id: 't', Arn: queueArn('q') }] }),
    );
    await events.send(
      new PutRuleCommand({ Name: 'kept', EventPattern: JSON.stringify({ source: ['other'] }) }),
    );
    const listed = await events.send(new ListTargetsByRuleCommand({ Rule: 'kept' }));
    expect(listed.Targets?.map((target) => target.Id)).toEqual(['t']);
  });

  it('refuses bad targets before storing any of them', async () => {
    await events.send(new PutRuleCommand({ Name: 'strict', EventPattern: pattern }));
    const cases = [
      [{ Id: 'fifo', Arn: queueArn('orders.fifo') }, /SqsParameters must be specified/],
      [
        { Id: 'two', Arn: queueArn('q'), Input: '{}', InputPath: '$.detail' },
        /Only one of Input, InputPath, or InputTransformer/,
      ],
      [{ Id: 'path', Arn: queueArn('q'), InputPath: 'detail' }, /must start with \$/],
      [{ Id: 'input', Arn: queueArn('q'), Input: '{oops' }, /valid JSON/],
      [{ Id: 'arn', Arn: 'not-an-arn' }, /Provided Arn is not in correct format/],
      [{ Id: 'bad id!', Arn: queueArn('q') }, /regular expression pattern/],
    ] as const;
    for (const [target, message] of cases) {
      const put = events.send(
        new PutTargetsCommand({
          Rule: 'strict',
          Targets: [{ Id: 'ok', Arn: queueArn('q') }, target],
        }),
      );
      await expect(put).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(put).rejects.toThrow(message);
    }
    expect((await events.send(new ListTargetsByRuleCommand({ Rule: 'strict' }))).Targets).toEqual(
      [],
    );
  });

  it('allows five targets per rule, like AWS', async () => {
    await events.send(new PutRuleCommand({ Name: 'crowded', EventPattern: pattern }));
    const five = [1, 2, 3, 4, 5].map((n) => ({ Id: `t${n}`, Arn: queueArn(`q${n}`) }));
    await events.send(new PutTargetsCommand({ Rule: 'crowded', Targets: five }));
    await expect(
      events.send(
        new PutTargetsCommand({ Rule: 'crowded', Targets: [{ Id: 't6', Arn: queueArn('q6') }] }),
      ),
    ).rejects.toMatchObject({ name: 'LimitExceededException' });
  });

  it('refuses targets for a rule that does not exist', async () => {
    await expect(
      events.send(
        new PutTargetsCommand({ Rule: 'ghost', Targets: [{ Id: 't', Arn: queueArn('q') }] }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      events.send(new ListTargetsByRuleCommand({ Rule: 'ghost' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('TestEventPattern', () => {
  const event = JSON.stringify({
    id: '1',
    account: '000000000000',
    source: 'shop',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    'detail-type': 'order.placed',
    resources: [],
    detail: { total: 12 },
  });

  it('answers whether the event matches', async () => {
    const matching = JSON.stringify({ detail: { total: [{ numeric: ['>', 10] }] } });
    const other = JSON.stringify({ detail: { total: [{ numeric: ['>', 100] }] } });
    expect(
      (await events.send(new TestEventPatternCommand({ EventPattern: matching, Event: event })))
        .Result,
    ).toBe(true);
    expect(
      (await events.send(new TestEventPatternCommand({ EventPattern: other, Event: event })))
        .Result,
    ).toBe(false);
  });

  it('rejects an event without the envelope fields and an invalid pattern', async () => {
    await expect(
      events.send(
        new TestEventPatternCommand({
          EventPattern: '{"source":["shop"]}',
          Event: '{"source":"shop"}',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter Event is not valid.',
    });
    await expect(
      events.send(new TestEventPatternCommand({ EventPattern: '{"source":"shop"}', Event: event })),
    ).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
  });
});

describe('protocol', () => {
  it('answers unknown operations in AWS error shape', async () => {
    const response = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSEvents.ListArchives',
      },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
