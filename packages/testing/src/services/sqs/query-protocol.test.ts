import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SqsHarness, startSqs, xmlValues } from './__tests__/harness.js';
import { md5OfBody } from './models/md5.js';

let sandbox: SqsHarness;
beforeAll(async () => {
  sandbox = await startSqs();
});
afterAll(() => sandbox.close());

async function createQueue(name: string, attributes: Record<string, string> = {}) {
  const parameters: Record<string, string> = { Action: 'CreateQueue', QueueName: name };
  Object.entries(attributes).forEach(([key, value], index) => {
    parameters[`Attribute.${index + 1}.Name`] = key;
    parameters[`Attribute.${index + 1}.Value`] = value;
  });
  const { status, xml } = await sandbox.query(parameters);
  expect(status).toBe(200);
  const [url] = xmlValues(xml, 'QueueUrl');
  return url ?? '';
}

describe('query protocol (form-encoded, XML answers)', () => {
  it('creates a queue with attributes and answers CreateQueueResponse', async () => {
    const { xml } = await sandbox.query({
      Action: 'CreateQueue',
      QueueName: 'cli-queue',
      'Attribute.1.Name': 'VisibilityTimeout',
      'Attribute.1.Value': '45',
    });
    expect(xml).toContain(
      '<CreateQueueResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">',
    );
    expect(xmlValues(xml, 'QueueUrl')).toEqual([`${sandbox.edge.endpoint}/000000000000/cli-queue`]);
    expect(xmlValues(xml, 'RequestId')[0]).toMatch(/^[0-9a-f-]{36}$/);

    const attributes = await sandbox.query({
      Action: 'GetQueueAttributes',
      QueueUrl: `${sandbox.edge.endpoint}/000000000000/cli-queue`,
      'AttributeName.1': 'VisibilityTimeout',
      'AttributeName.2': 'QueueArn',
    });
    expect(attributes.xml).toContain(
      '<Attribute><Name>QueueArn</Name><Value>arn:aws:sqs:us-east-1:000000000000:cli-queue</Value></Attribute>',
    );
    expect(attributes.xml).toContain(
      '<Attribute><Name>VisibilityTimeout</Name><Value>45</Value></Attribute>',
    );
  });

  it('sends, receives with attributes, and deletes', async () => {
    const QueueUrl = await createQueue('cli-messages');
    const body = 'line one\r\nline <two> & "three"';
    const sent = await sandbox.query({
      Action: 'SendMessage',
      QueueUrl,
      MessageBody: body,
      'MessageAttribute.1.Name': 'kind',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'greeting',
      'MessageAttribute.2.Name': 'blob',
      'MessageAttribute.2.Value.DataType': 'Binary',
      'MessageAttribute.2.Value.BinaryValue': Buffer.from([1, 2, 3]).toString('base64'),
    });
    expect(sent.status).toBe(200);
    expect(xmlValues(sent.xml, 'MD5OfMessageBody')).toEqual([md5OfBody(body)]);
    const sentAttributesMd5 = xmlValues(sent.xml, 'MD5OfMessageAttributes')[0];
    expect(sentAttributesMd5).toMatch(/^[0-9a-f]{32}$/);
    const [messageId] = xmlValues(sent.xml, 'MessageId');

    const received = await sandbox.query({
      Action: 'ReceiveMessage',
      QueueUrl,
      'AttributeName.1': 'All',
      'MessageAttributeName.1': 'All',
      MaxNumberOfMessages: '10',
    });
    expect(received.xml).toContain('<ReceiveMessageResult><Message>');
    expect(xmlValues(received.xml, 'MessageId')).toEqual([messageId]);
    expect(xmlValues(received.xml, 'Body')).toEqual([body]);
    expect(xmlValues(received.xml, 'MD5OfBody')).toEqual([md5OfBody(body)]);
    expect(xmlValues(received.xml, 'MD5OfMessageAttributes')).toEqual([sentAttributesMd5]);
    expect(received.xml).toContain(
      '<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>',
    );
    expect(received.xml).toContain(
      '<MessageAttribute><Name>kind</Name><Value><DataType>String</DataType><StringValue>greeting</StringValue></Value></MessageAttribute>',
    );
    expect(xmlValues(received.xml, 'BinaryValue')).toEqual([
      Buffer.from([1, 2, 3]).toString('base64'),
    ]);

    const [ReceiptHandle] = xmlValues(received.xml, 'ReceiptHandle');
    const deleted = await sandbox.query({
      Action: 'DeleteMessage',
      QueueUrl,
      ReceiptHandle: ReceiptHandle ?? '',
    });
    expect(deleted.status).toBe(200);
    expect(deleted.xml).toContain('<DeleteMessageResponse');
    expect(deleted.xml).not.toContain('<DeleteMessageResult');
    const empty = await sandbox.query({ Action: 'ReceiveMessage', QueueUrl });
    expect(empty.xml).not.toContain('<Message>');
  });

  it('handles batches with flattened entries and reports failures per entry', async () => {
    const QueueUrl = await createQueue('cli-batch');
    const { xml } = await sandbox.query({
      Action: 'SendMessageBatch',
      QueueUrl,
      'SendMessageBatchRequestEntry.1.Id': 'first',
      'SendMessageBatchRequestEntry.1.MessageBody': 'one',
      'SendMessageBatchRequestEntry.2.Id': 'second',
      'SendMessageBatchRequestEntry.2.MessageBody': 'two',
      'SendMessageBatchRequestEntry.2.DelaySeconds': '5000',
      'SendMessageBatchRequestEntry.3.Id': 'third',
      'SendMessageBatchRequestEntry.3.MessageBody': 'three',
      'SendMessageBatchRequestEntry.3.MessageAttribute.1.Name': 'n',
      'SendMessageBatchRequestEntry.3.MessageAttribute.1.Value.DataType': 'Number',
      'SendMessageBatchRequestEntry.3.MessageAttribute.1.Value.StringValue': '7',
    });
    const successes = [
      ...xml.matchAll(/<SendMessageBatchResultEntry>(.*?)<\/SendMessageBatchResultEntry>/g),
    ];
    expect(successes.map((match) => xmlValues(match[1] ?? '', 'Id')[0])).toEqual([
      'first',
      'third',
    ]);
    expect(xml).toMatch(
      /<BatchResultErrorEntry><Id>second<\/Id><SenderFault>true<\/SenderFault><Code>InvalidParameterValue<\/Code>/,
    );
    const counts = await sandbox.query({
      Action: 'GetQueueAttributes',
      QueueUrl,
      'AttributeName.1': 'ApproximateNumberOfMessages',
    });
    expect(counts.xml).toContain('<Value>2</Value>');
  });

  it('lists queues by prefix', async () => {
    await createQueue('cli-list-1');
    await createQueue('cli-list-2');
    const { xml } = await sandbox.query({ Action: 'ListQueues', QueueNamePrefix: 'cli-list-' });
    expect(xmlValues(xml, 'QueueUrl').map((url) => url.split('/').at(-1))).toEqual([
      'cli-list-1',
      'cli-list-2',
    ]);
  });

  it('answers errors as an XML ErrorResponse with the query code', async () => {
    const { status, xml } = await sandbox.query({
      Action: 'SendMessage',
      QueueUrl: `${sandbox.edge.endpoint}/000000000000/nowhere`,
      MessageBody: 'x',
    });
    expect(status).toBe(400);
    expect(xml).toContain('<ErrorResponse');
    expect(xmlValues(xml, 'Type')).toEqual(['Sender']);
    expect(xmlValues(xml, 'Code')).toEqual(['AWS.SimpleQueueService.NonExistentQueue']);
    expect(xmlValues(xml, 'Message')[0]).toContain('does not exist');

    const missing = await sandbox.query({ Action: 'CreateQueue' });
    expect(missing.status).toBe(400);
    expect(xmlValues(missing.xml, 'Code')).toEqual(['MissingParameter']);
  });

  it('accepts a GET with the parameters in the query string and the queue in the path', async () => {
    await createQueue('cli-get');
    const response = await fetch(
      `${sandbox.edge.endpoint}/000000000000/cli-get?Action=SendMessage&Version=2012-11-05&MessageBody=${encodeURIComponent('via GET')}`,
    );
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xmlValues(xml, 'MD5OfMessageBody')).toEqual([md5OfBody('via GET')]);
  });

  it('leaves requests for other services and unknown actions to the rest of the edge', async () => {
    const response = await fetch(`${sandbox.edge.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=Publish&Version=2010-03-31&TopicArn=x&Message=y',
    });
    expect(response.status).toBe(400);
    expect(
      sandbox.service.accepts({
        method: 'POST',
        path: '/',
        query: new URLSearchParams(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization:
            'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=x',
        },
        body: Buffer.from('Action=ListQueues'),
      }),
    ).toBe(false);
    expect(
      sandbox.service.accepts({
        method: 'POST',
        path: '/',
        query: new URLSearchParams(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          authorization:
            'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=x',
        },
        body: Buffer.from('Action=ListQueues&Version=2012-11-05'),
      }),
    ).toBe(true);
  });
});
