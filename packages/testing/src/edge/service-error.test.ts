import { describe, expect, it } from 'vitest';
import {
  AWS_JSON_1_0,
  awsJsonErrorResponse,
  queryCompatibleJsonErrorResponse,
} from './json-protocol.js';
import { queryErrorResponse } from './query-protocol.js';
import { ServiceError } from './service-error.js';

const queueDoesNotExist = () =>
  new ServiceError('QueueDoesNotExist', 'The specified queue does not exist.', {
    queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
  });

describe('ServiceError', () => {
  it('is a 400 the caller caused, with the same code in every protocol, unless told otherwise', () => {
    const error = new ServiceError('ValidationException', 'Parameter Event is not valid.');
    expect(error).toMatchObject({
      name: 'ServiceError',
      code: 'ValidationException',
      message: 'Parameter Event is not valid.',
      status: 400,
      fault: 'Sender',
      queryCode: 'ValidationException',
    });
  });

  it('blames the service for a 5xx, unless a fault is given', () => {
    expect(new ServiceError('InternalError', 'boom', { status: 500 }).fault).toBe('Receiver');
    expect(new ServiceError('Throttled', 'slow down', { status: 503, fault: 'Sender' }).fault).toBe(
      'Sender',
    );
    expect(new ServiceError('InvalidAddress', 'no', { status: 404 }).fault).toBe('Sender');
  });
});

describe('error serializers', () => {
  it('answers AWS JSON with the code in __type and x-amzn-errortype', () => {
    const response = awsJsonErrorResponse(
      new ServiceError('ResourceNotFoundException', 'Event bus nope does not exist.'),
    );
    expect(response.status).toBe(400);
    expect(response.headers).toMatchObject({
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-errortype': 'ResourceNotFoundException',
    });
    expect(response.body).toBe(
      '{"__type":"ResourceNotFoundException","message":"Event bus nope does not exist."}',
    );
  });

  it('answers query-compatible JSON with the namespaced shape and x-amzn-query-error', () => {
    const response = queryCompatibleJsonErrorResponse(queueDoesNotExist(), {
      contentType: AWS_JSON_1_0,
      shapeNamespace: 'com.amazonaws.sqs',
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.headers)).toEqual([
      'content-type',
      'x-amzn-requestid',
      'x-amzn-query-error',
    ]);
    expect(response.headers).toMatchObject({
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender',
    });
    expect(response.body).toBe(
      '{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}',
    );
  });

  it('answers the query protocol with an ErrorResponse carrying the query code and the fault', () => {
    const response = queryErrorResponse(
      new ServiceError('InternalError', 'a <b> & "c"', { status: 500 }),
      'http://queue.amazonaws.com/doc/2012-11-05/',
    );
    const requestId = response.headers['x-amzn-requestid'];
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('text/xml');
    expect(response.body).toBe(
      '<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">' +
        '<Error><Type>Receiver</Type><Code>InternalError</Code>' +
        '<Message>a &lt;b&gt; &amp; &quot;c&quot;</Message><Detail/></Error>' +
        `<RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  });
});
