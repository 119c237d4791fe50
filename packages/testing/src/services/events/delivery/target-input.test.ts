import { describe, expect, it } from 'vitest';
import type { EventBridgeEvent } from '../models/event.js';
import { parseJsonPath, readJsonPath, UnsupportedJsonPathError } from './json-path.js';
import { compileTargetInput } from './target-input.js';

const event: EventBridgeEvent = {
  version: '0',
  id: 'e-1',
  'detail-type': 'user.created',
  source: 'users',
  account: '000000000000',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:s3:::a'],
  detail: {
    user: { id: 'u1', name: 'Ada "the first"' },
    tags: ['a', 'b'],
    age: 36,
    'with/slash': 1,
  },
};
const rule = { name: 'on-user', arn: 'arn:aws:events:us-east-1:000000000000:rule/on-user' };
const render = (target: Parameters<typeof compileTargetInput>[0]) =>
  compileTargetInput(target).render(event, rule, '2026-01-01T00:00:00.123Z');

describe('JSONPath subset', () => {
  it('reads members, quoted members and indices', () => {
    expect(readJsonPath(event, parseJsonPath('$'))).toBe(event);
    expect(readJsonPath(event, parseJsonPath('$.detail.user.id'))).toBe('u1');
    expect(readJsonPath(event, parseJsonPath('$.detail-type'))).toBe('user.created');
    expect(readJsonPath(event, parseJsonPath("$.detail['tags'][1]"))).toBe('b');
    expect(readJsonPath(event, parseJsonPath('$.detail.with/slash'))).toBe(1);
    expect(readJsonPath(event, parseJsonPath('$.detail.missing.deeper'))).toBeUndefined();
    expect(readJsonPath(event, parseJsonPath('$.detail.tags[5]'))).toBeUndefined();
  });

  it('names the path and the reason when a path is not supported', () => {
    expect(() => parseJsonPath('detail.id')).toThrow(UnsupportedJsonPathError);
    expect(() => parseJsonPath('detail.id')).toThrow(/must start with \$/);
    expect(() => parseJsonPath('$.detail..id')).toThrow(/unexpected/);
  });
});

describe('target input', () => {
  it('is the whole event by default', () => {
    expect(JSON.parse(render({ Id: 't', Arn: 'arn:aws:sqs:us-east-1:0:q' }))).toEqual(event);
  });

  it('is the constant Input when given', () => {
    expect(render({ Id: 't', Arn: 'a', Input: '{"fixed":true}' })).toBe('{"fixed":true}');
  });

  it('is the InputPath part (null when the path finds nothing)', () => {
    expect(JSON.parse(render({ Id: 't', Arn: 'a', InputPath: '$.detail.user' }))).toEqual(
      event.detail.user,
    );
    expect(render({ Id: 't', Arn: 'a', InputPath: '$.detail.nothing' })).toBe('null');
  });

  it('fills a JSON template: JSON values outside quotes, escaped text inside', () => {
    const output = render({
      Id: 't',
      Arn: 'a',
      InputTransformer: {
        InputPathsMap: {
          name: '$.detail.user.name',
          tags: '$.detail.tags',
          age: '$.detail.age',
          gone: '$.detail.gone',
        },
        InputTemplate:
          '{"name": <name>, "tags": <tags>, "age": <age>, "line": "<name> is <age>", "gone": <gone>, "goneText": "<gone>"}',
      },
    });
    expect(JSON.parse(output)).toEqual({
      name: 'Ada "the first"',
      tags: ['a', 'b'],
      age: 36,
      line: 'Ada "the first" is 36',
      gone: null,
      goneText: '',
    });
  });

  it('fills a text template with plain values', () => {
    const output = render({
      Id: 't',
      Arn: 'a',
      InputTransformer: {
        InputPathsMap: { id: '$.detail.user.id' },
        InputTemplate: 'user <id> joined; <notAVariable> stays',
      },
    });
    expect(output).toBe('user u1 joined; <notAVariable> stays');
  });

  it('knows the predefined variables', () => {
    const output = render({
      Id: 't',
      Arn: 'a',
      InputTransformer: {
        InputTemplate:
          '{"rule": "<aws.events.rule-name>", "arn": "<aws.events.rule-arn>", "at": "<aws.events.event.ingestion-time>", "event": <aws.events.event>, "full": <aws.events.event.json>}',
      },
    });
    const { detail: _detail, ...envelope } = event;
    expect(JSON.parse(output)).toEqual({
      rule: 'on-user',
      arn: rule.arn,
      at: '2026-01-01T00:00:00.123Z',
      event: envelope,
      full: event,
    });
  });
});
