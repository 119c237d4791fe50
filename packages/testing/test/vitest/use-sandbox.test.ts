import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { App, Stack } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../src/vitest/index.js';

/** `useSandbox` in a file of its own: started and deployed before these tests, env set for them. */
const app = new App();
new Queue(new Stack(app, 'per-file'), 'Jobs', { queueName: 'per-file-jobs' });
const before = process.env.AWS_ENDPOINT_URL;
const sandbox = useSandbox({ dynamodb: false, deploy: app });

describe('useSandbox', () => {
  it('runs a deployed sandbox for the file, and points SDK clients at it through the env', async () => {
    expect(process.env.AWS_ENDPOINT_URL).toBe(sandbox().endpoint);
    expect(process.env.AWS_ENDPOINT_URL_SQS).toBe(sandbox().endpoint);
    // A client built with no configuration at all finds the sandbox, as in a handler.
    const { QueueUrl } = await new SQSClient({}).send(
      new GetQueueUrlCommand({ QueueName: 'per-file-jobs' }),
    );
    expect(QueueUrl).toBe(`${sandbox().endpoint}/000000000000/per-file-jobs`);
  });

  it('set nothing before the file ran', () => {
    expect(before).not.toBe(sandbox().endpoint);
  });
});
