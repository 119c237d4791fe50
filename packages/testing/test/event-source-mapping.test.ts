import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqsSchema } from '@aws-lambda-powertools/parser/schemas';
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Code, Function as LambdaFn, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceleratedClock, type Sandbox, startSandbox, waitFor } from '../src/index.js';
import { sdkClients } from './support/clients.js';

/**
 * SQS event source mappings as Lambda runs them: records in the shape Powertools' parser checks,
 * and a FIFO queue's messages handled in order within each message group, with two batches in
 * flight at once and a failure on the way. The clock runs 10× faster, so the FIFO queue's 10 s
 * visibility timeout passes in 1 s (and the plain queue's 30 s in 3 s, well past a cold start).
 */

/** Prints each event whole, so the test can check the records it was given. */
const RECORDER = `
exports.handler = async (event) => { console.log(JSON.stringify(event)); };`;

/**
 * Logs `done <group> <seq>` per record, in order; the first delivery of seq 2 of each group
 * fails, which returns the batch to the queue and holds the group until it is back.
 */
const ORDERED = `
exports.handler = async (event) => {
  for (const record of event.Records) {
    const { seq } = JSON.parse(record.body);
    if (seq === 2 && record.attributes.ApproximateReceiveCount === '1') {
      throw new Error('first delivery of seq 2 fails');
    }
    console.log('done ' + record.attributes.MessageGroupId + ' ' + seq);
  }
};`;

function synthesize(dir: string): string {
  const app = new App({ outdir: dir });
  const stack = new Stack(app, 'mapping-app', { stackName: 'mapping-app' });
  const plain = new Queue(stack, 'Plain', { queueName: 'plain' });
  const recorder = new LambdaFn(stack, 'Recorder', {
    functionName: 'recorder',
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline(RECORDER),
  });
  recorder.addEventSource(new SqsEventSource(plain, { batchSize: 5 }));

  const fifo = new Queue(stack, 'Fifo', {
    queueName: 'orders.fifo',
    fifo: true,
    contentBasedDeduplication: true,
    visibilityTimeout: Duration.seconds(10),
  });
  const ordered = new LambdaFn(stack, 'Ordered', {
    functionName: 'ordered',
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline(ORDERED),
    timeout: Duration.seconds(10),
  });
  ordered.addEventSource(new SqsEventSource(fifo, { batchSize: 3, maxConcurrency: 2 }));
  return app.synth().directory;
}

let dir: string;
let sandbox: Sandbox;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'event-source-mapping-'));
  const assembly = synthesize(dir);
  sandbox = await startSandbox({ dynamodb: false, clock: acceleratedClock(10) });
  await sandbox.deploy(assembly);
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('SQS event source mappings', () => {
  it("build records that pass Powertools' SqsSchema, attributes and message attributes included", async () => {
    const { sqs } = sdkClients(sandbox);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: `${sandbox.endpoint}/000000000000/plain`,
        MessageBody: '{"order":"o-1"}',
        MessageAttributes: {
          tenant: { DataType: 'String', StringValue: 'acme' },
          blob: { DataType: 'Binary', BinaryValue: Buffer.from('bytes') },
        },
      }),
    );
    const line = await waitFor(
      () => sandbox.lambda.logs('recorder').find((entry) => entry.line.startsWith('{')),
      { timeout: 15_000 },
    );
    const event = SqsSchema.parse(JSON.parse(line.line));
    expect(event.Records).toHaveLength(1);
    const [record] = event.Records;
    expect(record).toMatchObject({
      body: '{"order":"o-1"}',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:plain',
      awsRegion: 'us-east-1',
      messageAttributes: {
        tenant: {
          stringValue: 'acme',
          stringListValues: [],
          binaryListValues: [],
          dataType: 'String',
        },
        blob: {
          binaryValue: Buffer.from('bytes').toString('base64'),
          stringListValues: [],
          binaryListValues: [],
          dataType: 'Binary',
        },
      },
    });
    expect(record?.attributes.ApproximateReceiveCount).toBe('1');
    expect(record?.attributes.SenderId).toEqual(expect.any(String));
  });

  it('handle a FIFO queue in order within each message group, retries included', async () => {
    const { sqs } = sdkClients(sandbox);
    const groups = ['g1', 'g2', 'g3'];
    // Interleaved across groups, as producers write them: g1 1, g2 1, g3 1, g1 2, …
    for (const seq of [1, 2, 3, 4, 5]) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: `${sandbox.endpoint}/000000000000/orders.fifo`,
          Entries: groups.map((group) => ({
            Id: group,
            MessageGroupId: group,
            MessageBody: JSON.stringify({ seq, group }),
          })),
        }),
      );
    }
    const done = await waitFor(
      () => {
        const lines = sandbox.lambda
          .logs('ordered')
          .map((entry) => entry.line)
          .filter((line) => line.startsWith('done '));
        return new Set(lines).size === 15 ? lines : undefined;
      },
      { timeout: 30_000 },
    );
    const perGroup = (group: string) =>
      done.filter((line) => line.startsWith(`done ${group} `)).map((line) => line.split(' ')[2]);
    // A failed batch comes back whole, so the records before seq 2 in it run again; each group
    // still sees its messages in the order they were sent, and seq 2 and later only after the
    // retry.
    for (const group of groups) {
      const seen = perGroup(group);
      expect(
        seen.filter((seq, index) => seen.indexOf(seq) === index),
        group,
      ).toEqual(['1', '2', '3', '4', '5']);
      const sorted = [...seen].sort();
      expect(seen.slice(seen.indexOf('2')), group).toEqual(sorted.slice(sorted.indexOf('2')));
    }
    const failures = sandbox.lambda
      .logs('ordered')
      .filter((entry) => entry.line.includes('\tERROR\tInvoke Error \t'));
    // Each failure is in the function's log as Lambda's runtime writes it.
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(failures[0]?.line.split('\t').at(-1) ?? 'null')).toMatchObject({
      errorType: 'Error',
      errorMessage: 'first delivery of seq 2 fails',
    });
  }, 60_000);
});
