// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub templates use CloudFormation's ${} syntax.
import { describe, expect, it } from 'vitest';
import { TemplateError } from './errors.js';
import {
  evaluateConditions,
  NO_VALUE,
  type ResolveScope,
  referencedIds,
  resolveValue,
} from './intrinsics.js';

const resources: Record<string, { ref: string; attributes: Record<string, unknown> }> = {
  Queue: {
    ref: 'http://127.0.0.1:4566/000000000000/orders',
    attributes: { Arn: 'arn:aws:sqs:us-east-1:000000000000:orders', QueueName: 'orders' },
  },
  Table: {
    ref: 'app-dev-users',
    attributes: { Arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/app-dev-users' },
  },
};

function scopeWith(overrides: Partial<ResolveScope> = {}): ResolveScope {
  return {
    stackName: 'app-dev',
    stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/app-dev/1',
    region: 'us-east-1',
    accountId: '000000000000',
    parameters: new Map<string, unknown>([
      ['Stage', 'dev'],
      ['Zones', ['a', 'b']],
    ]),
    conditions: new Map([
      ['IsDev', true],
      ['IsProd', false],
    ]),
    mappings: { Sizes: { dev: { Memory: 256 }, prod: { Memory: 1024 } } },
    exports: new Map([
      ['shared-bus-arn', 'arn:aws:events:us-east-1:000000000000:event-bus/shared'],
    ]),
    ref: (id) => resources[id]?.ref,
    getAtt: (id, attribute) => resources[id]?.attributes[attribute],
    ...overrides,
  };
}

const resolve = (value: unknown, scope = scopeWith()) => resolveValue(value, scope, 'Resources.X');

function errorOf(action: () => unknown): { name: string; path: string; message: string } {
  try {
    action();
  } catch (error) {
    if (error instanceof TemplateError) {
      return { name: error.name, path: error.path, message: error.message };
    }
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('resolveValue', () => {
  it('resolves Ref to parameters, pseudo parameters and resources', () => {
    expect(
      resolve({
        stage: { Ref: 'Stage' },
        account: { Ref: 'AWS::AccountId' },
        region: { Ref: 'AWS::Region' },
        partition: { Ref: 'AWS::Partition' },
        suffix: { Ref: 'AWS::URLSuffix' },
        stack: { Ref: 'AWS::StackName' },
        stackId: { Ref: 'AWS::StackId' },
        notifications: { Ref: 'AWS::NotificationARNs' },
        queue: { Ref: 'Queue' },
      }),
    ).toEqual({
      stage: 'dev',
      account: '000000000000',
      region: 'us-east-1',
      partition: 'aws',
      suffix: 'amazonaws.com',
      stack: 'app-dev',
      stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/app-dev/1',
      notifications: [],
      queue: 'http://127.0.0.1:4566/000000000000/orders',
    });
  });

  it('drops properties and list elements that resolve to AWS::NoValue', () => {
    expect(
      resolve({
        kept: 'k',
        dropped: { Ref: 'AWS::NoValue' },
        list: ['a', { Ref: 'AWS::NoValue' }, 'c'],
        chosen: { 'Fn::If': ['IsProd', 'big', { Ref: 'AWS::NoValue' }] },
      }),
    ).toEqual({ kept: 'k', list: ['a', 'c'] });
    expect(resolveValue({ Ref: 'AWS::NoValue' }, scopeWith(), 'X')).toBe(NO_VALUE);
  });

  it('resolves Fn::GetAtt in both forms', () => {
    expect(resolve({ 'Fn::GetAtt': ['Queue', 'Arn'] })).toBe(
      'arn:aws:sqs:us-east-1:000000000000:orders',
    );
    expect(resolve({ 'Fn::GetAtt': 'Table.Arn' })).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/app-dev-users',
    );
  });

  it('resolves Fn::Join, Fn::Select and Fn::Split, nested', () => {
    expect(
      resolve({
        'Fn::Join': [
          ':',
          [
            'arn',
            { Ref: 'AWS::Partition' },
            { 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] },
            { 'Fn::Select': ['0', { Ref: 'Zones' }] },
          ],
        ],
      }),
    ).toBe('arn:aws:b:a');
    expect(resolve({ 'Fn::Join': ['', []] })).toBe('');
  });

  it('resolves Fn::Sub with pseudo parameters, resources, attributes, its own variables and ${!Literal}', () => {
    expect(
      resolve({
        'Fn::Sub':
          'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}-${Stage}',
      }),
    ).toBe('arn:aws:sqs:us-east-1:000000000000:orders-dev');
    expect(
      resolve({
        'Fn::Sub': [
          '${Name} in ${Table} costs ${!Literal}',
          { Name: { 'Fn::Join': ['-', ['a', 'b']] } },
        ],
      }),
    ).toBe('a-b in app-dev-users costs ${Literal}');
  });

  it('resolves Fn::ImportValue from the stacks deployed before', () => {
    expect(resolve({ 'Fn::ImportValue': 'shared-bus-arn' })).toBe(
      'arn:aws:events:us-east-1:000000000000:event-bus/shared',
    );
    expect(errorOf(() => resolve({ 'Fn::ImportValue': 'nobody-exports-this' }))).toEqual({
      name: 'TemplateError',
      path: 'Resources.X.Fn::ImportValue',
      message: 'Resources.X.Fn::ImportValue: no deployed stack exports "nobody-exports-this"',
    });
  });

  it('resolves Fn::If, Fn::FindInMap, Fn::Base64 and Fn::GetAZs', () => {
    expect(
      resolve({
        memory: { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] },
        name: { 'Fn::If': ['IsDev', 'dev-name', 'prod-name'] },
        data: { 'Fn::Base64': 'hi' },
        zones: { 'Fn::GetAZs': '' },
      }),
    ).toEqual({
      memory: 256,
      name: 'dev-name',
      data: 'aGk=',
      zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    });
  });

  it('names the path and the rule when a function cannot be resolved', () => {
    expect(errorOf(() => resolve({ Ref: 'Missing' }))).toEqual({
      name: 'TemplateError',
      path: 'Resources.X.Ref',
      message:
        'Resources.X.Ref: Ref to "Missing", which is no parameter and no resource created before it',
    });
    expect(errorOf(() => resolve({ 'Fn::GetAtt': ['Queue', 'Nope'] })).message).toBe(
      'Resources.X.Fn::GetAtt: Queue has no attribute Nope (or is not created before it)',
    );
    expect(errorOf(() => resolve({ 'Fn::Select': [5, ['a']] })).message).toBe(
      'Resources.X.Fn::Select: index 5 is outside a list of 1',
    );
    expect(errorOf(() => resolve({ 'Fn::Join': [',', 'not-a-list'] })).message).toBe(
      'Resources.X.Fn::Join: expected a list, got string "not-a-list"',
    );
    expect(errorOf(() => resolve({ 'Fn::Transmogrify': [] })).message).toBe(
      'Resources.X.Fn::Transmogrify: the intrinsic function Fn::Transmogrify is not supported by the sandbox',
    );
    expect(errorOf(() => resolve({ 'Fn::FindInMap': ['Sizes', 'qa', 'Memory'] })).message).toBe(
      'Resources.X.Fn::FindInMap: Mappings has no Sizes.qa.Memory',
    );
    expect(errorOf(() => resolve({ 'Fn::If': ['Unknown', 'a', 'b'] })).message).toBe(
      'Resources.X.Fn::If: no condition named "Unknown"',
    );
    expect(errorOf(() => resolve({ 'Fn::Sub': '${Zones}' })).message).toBe(
      'Resources.X.Fn::Sub: ${Zones} is not a string (got a list)',
    );
  });

  it('leaves objects that merely have a Ref-like key among others alone', () => {
    expect(resolve({ Ref: 'Stage', Other: 1 })).toEqual({ Ref: 'Stage', Other: 1 });
  });
});

describe('evaluateConditions', () => {
  const { conditions: _unused, ...base } = scopeWith();

  it('evaluates Fn::Equals, Fn::Not, Fn::And, Fn::Or and references, in any order', () => {
    const values = evaluateConditions(
      {
        IsNotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
        IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
        IsDev: { 'Fn::Equals': ['dev', { Ref: 'Stage' }] },
        Both: { 'Fn::And': [{ Condition: 'IsDev' }, { Condition: 'IsNotProd' }] },
        Either: { 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': [1, 2] }] },
      },
      base,
    );
    expect(Object.fromEntries(values)).toEqual({
      IsNotProd: true,
      IsProd: false,
      IsDev: true,
      Both: true,
      Either: false,
    });
  });

  it('refuses a cycle and an And with one operand', () => {
    expect(
      errorOf(() =>
        evaluateConditions(
          { A: { 'Fn::Not': [{ Condition: 'B' }] }, B: { 'Fn::Not': [{ Condition: 'A' }] } },
          base,
        ),
      ).message,
    ).toBe('Conditions.A: refers to itself through other conditions');
    expect(
      errorOf(() => evaluateConditions({ A: { 'Fn::And': [{ 'Fn::Equals': [1, 1] }] } }, base))
        .message,
    ).toBe('Conditions.A.Fn::And: takes 2 to 10 conditions, got 1');
  });
});

describe('referencedIds', () => {
  it('finds the resources a value needs, not parameters or pseudo parameters', () => {
    const ids = referencedIds(
      {
        a: { Ref: 'Queue' },
        b: { Ref: 'Stage' },
        c: { Ref: 'AWS::Region' },
        d: { 'Fn::GetAtt': ['Table', 'Arn'] },
        e: { 'Fn::GetAtt': 'Bus.Arn' },
        f: {
          'Fn::Sub': [
            '${Rule.Arn}/${Local}/${AWS::Region}/${!Skip}/${Stage}',
            { Local: { Ref: 'Role' } },
          ],
        },
      },
      new Set(['Stage']),
    );
    expect([...ids].sort()).toEqual(['Bus', 'Queue', 'Role', 'Rule', 'Table']);
  });
});
