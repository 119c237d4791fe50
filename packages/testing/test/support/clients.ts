import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Sandbox } from '../../src/index.js';

/** Real AWS SDK v3 clients pointed at a running sandbox, with dummy credentials. */
export function sdkClients(sandbox: Sandbox) {
  const config = {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  };
  return {
    events: new EventBridgeClient(config),
    sqs: new SQSClient(config),
    dynamodb: new DynamoDBClient(config),
  };
}

/**
 * Receives until `count` messages arrived or `timeoutMs` of real time passed; deletes them only
 * when asked.
 * Uses long polls, so it returns as soon as the last message lands.
 */
export async function receiveMessages(
  sqs: SQSClient,
  queueUrl: string,
  count: number,
  timeoutMs = 5_000,
  options: { delete?: boolean } = {},
): Promise<Message[]> {
  const received: Message[] = [];
  const deadline = Date.now() + timeoutMs;
  while (received.length < count && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, count - received.length),
        WaitTimeSeconds: 1,
        VisibilityTimeout: 300,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    received.push(...Messages);
    // A FIFO group hands out its next messages only once the ones in flight are deleted.
    if (options.delete && Messages.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
  }
  return received;
}

/** Parses a JSON message body. */
export function bodyOf(message: Message): unknown {
  return JSON.parse(message.Body ?? 'null');
}
