import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  expectServing,
  FORM,
  jsonHeaders,
  type SqsHarness,
  startSqs,
} from './__tests__/harness.js';
import { parseXmlDocument, textsOf } from './__tests__/xml-document.js';

let sandbox: SqsHarness;
beforeAll(async () => {
  sandbox = await startSqs();
});
afterAll(() => sandbox.close());

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const cleanPrototypeKeys = prototypeKeys();
afterEach(() => {
  // A polluted prototype would break every later test in this worker; undo it, then fail.
  for (const key of prototypeKeys()) {
    if (!cleanPrototypeKeys.includes(key))
      delete (Object.prototype as Record<string, unknown>)[key];
  }
});

let counter = 0;
async function newQueue(): Promise<string> {
  counter += 1;
  const { QueueUrl } = await sandbox.sqs.send(
    new CreateQueueCommand({ QueueName: `prototype-${counter}` }),
  );
  return QueueUrl ?? '';
}

/** Sends and receives at once: a delay leaked through a prototype would leave nothing to receive. */
async function expectUndelayedRoundTrip(QueueUrl: string) {
  await sandbox.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'on time' }));
  const { Messages = [] } = await sandbox.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
  expect(Messages.map((message) => message.Body)).toEqual(['on time']);
}

describe('request fields never reach a prototype', () => {
  it('query: __proto__.DelaySeconds=900 leaves Object.prototype alone and delays nothing', async () => {
    const answer = await sandbox.post(
      'Action=ListQueues&Version=2012-11-05&__proto__.DelaySeconds=900',
      FORM,
    );
    expect(answer.status).toBe(200);
    expect(prototypeKeys()).toEqual(cleanPrototypeKeys);
    expect(({} as Record<string, unknown>).DelaySeconds).toBeUndefined();
    await expectUndelayedRoundTrip(await newQueue());
    await expectServing(sandbox);
  });

  it('query: constructor.prototype.x and __proto__ inside maps and entries change no prototype', async () => {
    const QueueUrl = await newQueue();
    const body = [
      'Action=SendMessageBatch',
      `QueueUrl=${encodeURIComponent(QueueUrl)}`,
      'constructor.prototype.DelaySeconds=900',
      'SendMessageBatchRequestEntry.1.Id=one',
      'SendMessageBatchRequestEntry.1.MessageBody=first',
      'SendMessageBatchRequestEntry.1.__proto__.DelaySeconds=900',
      'SendMessageBatchRequestEntry.__proto__.DelaySeconds=900',
      'MessageAttribute.__proto__.Name=x',
    ].join('&');
    const answer = await sandbox.post(body, FORM);
    expect(answer.status).toBe(200);
    expect(textsOf(parseXmlDocument(answer.text), 'Id')).toEqual(['one']);
    expect(prototypeKeys()).toEqual(cleanPrototypeKeys);
    expect(Object.getPrototypeOf(Object.prototype)).toBeNull();
    const { Messages = [] } = await sandbox.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(Messages.map((message) => message.Body)).toEqual(['first']);
    await expectServing(sandbox);
  });

  it('query: a message attribute named __proto__ is kept as an attribute like any other', async () => {
    const QueueUrl = await newQueue();
    const answer = await sandbox.query({
      Action: 'SendMessage',
      QueueUrl,
      MessageBody: 'with attribute',
      'MessageAttribute.1.Name': '__proto__',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'kept',
    });
    expect(answer.status).toBe(200);
    // Read the wire answer: the SDK's own map building drops a `__proto__` key.
    const received = await sandbox.query({
      Action: 'ReceiveMessage',
      QueueUrl,
      'MessageAttributeName.1': 'All',
    });
    const document = parseXmlDocument(received.xml);
    expect(textsOf(document, 'Name')).toEqual(['__proto__']);
    expect(textsOf(document, 'StringValue')).toEqual(['kept']);
    expect(prototypeKeys()).toEqual(cleanPrototypeKeys);
  });

  it('query: a queue attribute named __proto__ is an unknown attribute', async () => {
    const answer = await sandbox.query({
      Action: 'CreateQueue',
      QueueName: 'proto-attribute',
      'Attribute.1.Name': '__proto__',
      'Attribute.1.Value': '900',
    });
    expect(answer.status).toBe(400);
    expect(textsOf(parseXmlDocument(answer.xml), 'Code')).toEqual(['InvalidAttributeName']);
    await expectServing(sandbox);
  });

  it('JSON: __proto__ keys in input, attributes, tags and entries change no prototype', async () => {
    const QueueUrl = await newQueue();
    const sent = await sandbox.post(
      `{"QueueUrl":${JSON.stringify(QueueUrl)},"MessageBody":"json","__proto__":{"DelaySeconds":900},` +
        `"MessageAttributes":{"__proto__":{"DataType":"String","StringValue":"kept"}}}`,
      jsonHeaders('SendMessage'),
    );
    expect(sent.status).toBe(200);
    const tagged = await sandbox.post(
      `{"QueueUrl":${JSON.stringify(QueueUrl)},"Tags":{"__proto__":"tag value"}}`,
      jsonHeaders('TagQueue'),
    );
    expect(tagged.status).toBe(200);
    const batch = await sandbox.post(
      `{"QueueUrl":${JSON.stringify(QueueUrl)},"Entries":[{"Id":"a","MessageBody":"entry","__proto__":{"DelaySeconds":900}}]}`,
      jsonHeaders('SendMessageBatch'),
    );
    expect(batch.status).toBe(200);
    expect(JSON.parse(batch.text).Successful.map((entry: { Id: string }) => entry.Id)).toEqual([
      'a',
    ]);
    expect(prototypeKeys()).toEqual(cleanPrototypeKeys);

    // Read the wire answers: the SDK's own map building drops a `__proto__` key.
    const received = await sandbox.post(
      `{"QueueUrl":${JSON.stringify(QueueUrl)},"MaxNumberOfMessages":10,"MessageAttributeNames":["All"]}`,
      jsonHeaders('ReceiveMessage'),
    );
    const { Messages } = JSON.parse(received.text) as {
      Messages: { Body: string; MessageAttributes?: unknown }[];
    };
    expect(Messages.map((message) => message.Body)).toEqual(['json', 'entry']);
    expect(Messages[0]?.MessageAttributes).toEqual({
      ['__proto__']: { DataType: 'String', StringValue: 'kept' },
    });
    const tags = await sandbox.post(
      `{"QueueUrl":${JSON.stringify(QueueUrl)}}`,
      jsonHeaders('ListQueueTags'),
    );
    expect(tags.text).toBe('{"Tags":{"__proto__":"tag value"}}');
    const { Attributes } = await sandbox.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['DelaySeconds'] }),
    );
    expect(Attributes).toEqual({ DelaySeconds: '0' });
    await expectUndelayedRoundTrip(QueueUrl);
    await expectServing(sandbox);
  });
});
