import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectServing, jsonHeaders, type SqsHarness, startSqs } from './__tests__/harness.js';
import { parseXmlDocument, textsOf } from './__tests__/xml-document.js';

let sandbox: SqsHarness;
let QueueUrl: string;
beforeAll(async () => {
  sandbox = await startSqs();
  const created = await sandbox.query({ Action: 'CreateQueue', QueueName: 'xml-output' });
  QueueUrl = textsOf(parseXmlDocument(created.xml), 'QueueUrl')[0] ?? '';
});
afterAll(() => sandbox.close());

/** Code of a query answer, which must parse as XML whatever the request held. */
async function codeOf(parameters: Record<string, string>): Promise<string | undefined> {
  const { xml } = await sandbox.query(parameters);
  return textsOf(parseXmlDocument(xml), 'Code')[0];
}

describe('query answers are well-formed XML whatever the request holds', () => {
  it('refuses a tag key or value with U+0001, and ListQueueTags still parses', async () => {
    expect(
      await codeOf({ Action: 'TagQueue', QueueUrl, 'Tag.1.Key': 'bad\u0001', 'Tag.1.Value': 'v' }),
    ).toBe('InvalidParameterValue');
    expect(
      await codeOf({ Action: 'TagQueue', QueueUrl, 'Tag.1.Key': 'k', 'Tag.1.Value': 'bad\u0001' }),
    ).toBe('InvalidParameterValue');
    const listed = await sandbox.query({ Action: 'ListQueueTags', QueueUrl });
    expect(textsOf(parseXmlDocument(listed.xml), 'Key')).toEqual([]);
    await expectServing(sandbox);
  });

  it('refuses message bodies, attribute values and custom types outside XML characters', async () => {
    expect(await codeOf({ Action: 'SendMessage', QueueUrl, MessageBody: 'a\u0001b' })).toBe(
      'InvalidMessageContents',
    );
    expect(
      await codeOf({
        Action: 'SendMessage',
        QueueUrl,
        MessageBody: 'ok',
        'MessageAttribute.1.Name': 'label',
        'MessageAttribute.1.Value.DataType': 'String.bad\u0001',
        'MessageAttribute.1.Value.StringValue': 'v',
      }),
    ).toBe('InvalidParameterValue');
    expect(
      await codeOf({
        Action: 'SetQueueAttributes',
        QueueUrl,
        'Attribute.1.Name': 'KmsMasterKeyId',
        'Attribute.1.Value': 'key\u0001',
      }),
    ).toBe('InvalidAttributeValue');
    await expectServing(sandbox);
  });

  it('replaces characters XML cannot carry in echoed error text', async () => {
    const { status, xml } = await sandbox.query({ Action: 'CreateQueue', QueueName: 'q\u0001' });
    expect(status).toBe(400);
    expect(textsOf(parseXmlDocument(xml), 'Message')[0]).toContain('Value q\uFFFD for parameter');
    const batch = await sandbox.query({
      Action: 'ChangeMessageVisibilityBatch',
      QueueUrl,
      'ChangeMessageVisibilityBatchRequestEntry.1.Id': 'one',
      'ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle': 'handle\u0001',
      'ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout': '5',
    });
    expect(batch.status).toBe(200);
    expect(textsOf(parseXmlDocument(batch.xml), 'Code')).toEqual(['ReceiptHandleIsInvalid']);
    await expectServing(sandbox);
  });

  it('refuses a lone surrogate sent through the JSON protocol', async () => {
    const answer = await sandbox.post(
      `{"QueueUrl":${JSON.stringify(QueueUrl)},"Tags":{"k":"\\ud800"}}`,
      jsonHeaders('TagQueue'),
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).__type).toBe('com.amazonaws.sqs#InvalidParameterValue');
    await expectServing(sandbox);
  });
});

describe('binary message attributes', () => {
  it.each([
    ['query', 'not base64!'],
    ['query', 'AAA'],
    ['JSON', '%%%%'],
  ])(
    'refuses an invalid base64 value (%s: %s) instead of storing it empty',
    async (protocol, value) => {
      const answer =
        protocol === 'query'
          ? await sandbox.query({
              Action: 'SendMessage',
              QueueUrl,
              MessageBody: 'binary',
              'MessageAttribute.1.Name': 'blob',
              'MessageAttribute.1.Value.DataType': 'Binary',
              'MessageAttribute.1.Value.BinaryValue': value,
            })
          : await sandbox
              .post(
                JSON.stringify({
                  QueueUrl,
                  MessageBody: 'binary',
                  MessageAttributes: { blob: { DataType: 'Binary', BinaryValue: value } },
                }),
                jsonHeaders('SendMessage'),
              )
              .then(({ status, text }) => ({ status, xml: text }));
      expect(answer.status).toBe(400);
      expect(answer.xml).toContain('InvalidParameterValue');
      expect(answer.xml).toContain('blob');
      expect(answer.xml).toContain('has an invalid binary value: it must be base64-encoded.');
      await expectServing(sandbox);
    },
  );
});

describe('JSON protocol depth', () => {
  it('refuses a body nested 100,000 levels with SerializationException, not a 500', async () => {
    const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const answer = await sandbox.post(
      `{"QueueUrl":${nested},"MessageBody":"x"}`,
      jsonHeaders('SendMessage'),
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      __type: 'com.amazonaws.sqs#SerializationException',
      message: 'The request body is invalid: its JSON nests more than 16 levels deep.',
    });
    await expectServing(sandbox);
  });
});
