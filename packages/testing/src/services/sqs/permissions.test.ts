import { describe, expect, it } from 'vitest';
import type { ServiceRequest } from '../../edge/service.js';
import { sqsPermissions } from './permissions.js';

const scope = { region: 'us-east-1', accountId: '000000000000' };
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:work';
const QUEUE_URL = 'http://127.0.0.1:4566/000000000000/work';

function json(action: string, input: unknown): ServiceRequest {
  return {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: {
      'x-amz-target': `AmazonSQS.${action}`,
      'content-type': 'application/x-amz-json-1.0',
    },
    body: Buffer.from(JSON.stringify(input)),
  };
}

describe('the IAM permissions of SQS requests', () => {
  it('queue operations need their action on the queue ARN', () => {
    expect(
      sqsPermissions(json('SendMessage', { QueueUrl: QUEUE_URL, MessageBody: 'x' }), scope),
    ).toEqual([{ action: 'sqs:SendMessage', resources: [QUEUE_ARN] }]);
    expect(sqsPermissions(json('GetQueueUrl', { QueueName: 'work' }), scope)).toEqual([
      { action: 'sqs:GetQueueUrl', resources: [QUEUE_ARN] },
    ]);
  });

  it('batch operations need the action of their entries', () => {
    expect(
      sqsPermissions(json('SendMessageBatch', { QueueUrl: QUEUE_URL, Entries: [] }), scope),
    ).toEqual([{ action: 'sqs:SendMessage', resources: [QUEUE_ARN] }]);
    expect(
      sqsPermissions(json('DeleteMessageBatch', { QueueUrl: QUEUE_URL, Entries: [] }), scope),
    ).toEqual([{ action: 'sqs:DeleteMessage', resources: [QUEUE_ARN] }]);
  });

  it('the query protocol, the queue given by the path', () => {
    const request: ServiceRequest = {
      method: 'POST',
      path: '/000000000000/work',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('Action=ReceiveMessage&Version=2012-11-05'),
    };
    expect(sqsPermissions(request, scope)).toEqual([
      { action: 'sqs:ReceiveMessage', resources: [QUEUE_ARN] },
    ]);
  });

  it('ListQueues needs its action on *', () => {
    expect(sqsPermissions(json('ListQueues', {}), scope)).toEqual([
      { action: 'sqs:ListQueues', resources: ['*'] },
    ]);
  });
});
