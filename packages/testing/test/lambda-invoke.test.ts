import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  InvokeCommand,
  LambdaClient,
  RequestTooLargeException,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Code, Function as LambdaFn, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AsyncInvocationFailure,
  acceleratedClock,
  type Sandbox,
  startSandbox,
  waitFor,
} from '../src/index.js';
import { awsCli } from './support/aws-cli.js';
import { receiveMessages, sdkClients } from './support/clients.js';

/**
 * Lambda's Invoke API on the edge, and functions as EventBridge targets: a small aws-cdk-lib app
 * with inline functions, deployed into a sandbox whose clock runs 1000× faster, so Lambda's
 * one- and two-minute waits between asynchronous retries take milliseconds.
 */
const ECHO = `
exports.handler = async (event, context) => {
  console.log('echo got', JSON.stringify(event));
  return { received: event, functionName: context.functionName };
};`;
const FAILS = `
exports.handler = async (event) => {
  console.log('failing for', JSON.stringify(event));
  throw new TypeError('no such order: ' + event.order);
};`;
const SILENT = `exports.handler = async () => undefined;`;
const LARGE = `exports.handler = async () => 'x'.repeat(6291600);`;

function synthesize(dir: string): string {
  const app = new App({ outdir: dir });
  const stack = new Stack(app, 'invoke-app', { stackName: 'invoke-app' });
  const inline = (id: string, code: string) =>
    new LambdaFn(stack, id, {
      functionName: id,
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline(code),
      timeout: Duration.seconds(10),
    });
  inline('echo', ECHO);
  inline('silent', SILENT);
  inline('large', LARGE);
  const deadLetters = new Queue(stack, 'FailsDlq', { queueName: 'fails-dlq' });
  const failures = new Queue(stack, 'FailsOnFailure', { queueName: 'fails-on-failure' });
  new LambdaFn(stack, 'fails', {
    functionName: 'fails',
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline(FAILS),
    deadLetterQueue: deadLetters,
    onFailure: new SqsDestination(failures),
    retryAttempts: 1,
  });
  const bus = new EventBus(stack, 'Bus', { eventBusName: 'invoke-bus' });
  const onOrder = inline('on-order', ECHO);
  new Rule(stack, 'Orders', {
    eventBus: bus,
    eventPattern: { source: ['shop'], detailType: ['order.placed'] },
    targets: [new LambdaFunction(onOrder)],
  });
  return app.synth().directory;
}

let dir: string;
let sandbox: Sandbox;
let lambda: LambdaClient;
const asyncFailures: AsyncInvocationFailure[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lambda-invoke-'));
  const assembly = synthesize(dir);
  sandbox = await startSandbox({
    dynamodb: false,
    clock: acceleratedClock(1000),
    onAsyncInvocationFailure: (failure) => asyncFailures.push(failure),
  });
  await sandbox.deploy(assembly);
  lambda = new LambdaClient({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  });
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const json = (payload: Uint8Array | undefined) =>
  JSON.parse(Buffer.from(payload ?? []).toString('utf8')) as unknown;

describe('Invoke through the AWS SDK', () => {
  it('RequestResponse answers with the result, and Tail with the invocation’s log', async () => {
    const response = await lambda.send(
      new InvokeCommand({
        FunctionName: 'echo',
        Payload: JSON.stringify({ order: 'o-1' }),
        LogType: 'Tail',
      }),
    );
    expect({
      StatusCode: response.StatusCode,
      FunctionError: response.FunctionError,
      ExecutedVersion: response.ExecutedVersion,
      payload: json(response.Payload),
    }).toEqual({
      StatusCode: 200,
      FunctionError: undefined,
      ExecutedVersion: '$LATEST',
      payload: { received: { order: 'o-1' }, functionName: 'echo' },
    });
    const log = Buffer.from(response.LogResult ?? '', 'base64')
      .toString('utf8')
      .split('\n');
    const requestId = response.$metadata.requestId;
    expect(log[0]).toBe(`START RequestId: ${requestId} Version: $LATEST`);
    expect(log[1]).toBe('echo got {"order":"o-1"}');
    expect(log[2]).toBe(`END RequestId: ${requestId}`);
    expect(log[3]).toMatch(new RegExp(`^REPORT RequestId: ${requestId}\\tDuration: `));
    expect(log.slice(4)).toEqual(['']);
  });

  it('an empty payload is the event {}, by name, partial ARN or ARN', async () => {
    const names = [
      'echo',
      '000000000000:function:echo',
      'arn:aws:lambda:us-east-1:000000000000:function:echo',
      'arn:aws:lambda:us-east-1:000000000000:function:echo:$LATEST',
    ];
    const payloads = await Promise.all(
      names.map(async (FunctionName) =>
        json((await lambda.send(new InvokeCommand({ FunctionName }))).Payload),
      ),
    );
    expect(payloads).toEqual(names.map(() => ({ received: {}, functionName: 'echo' })));
  });

  it('a handler that returns nothing answers null', async () => {
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'silent' }));
    expect(Buffer.from(response.Payload ?? []).toString('utf8')).toBe('null');
  });

  it('a function error answers 200 with X-Amz-Function-Error and the error as payload', async () => {
    const response = await lambda.send(
      new InvokeCommand({ FunctionName: 'fails', Payload: JSON.stringify({ order: 'o-2' }) }),
    );
    expect({ StatusCode: response.StatusCode, FunctionError: response.FunctionError }).toEqual({
      StatusCode: 200,
      FunctionError: 'Unhandled',
    });
    expect(json(response.Payload)).toMatchObject({
      errorType: 'TypeError',
      errorMessage: 'no such order: o-2',
    });
  });

  it('a response over 6 MB fails the invocation as Lambda reports it', async () => {
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'large' }));
    expect({ FunctionError: response.FunctionError, payload: json(response.Payload) }).toEqual({
      FunctionError: 'Unhandled',
      payload: {
        errorType: 'Function.ResponseSizeTooLarge',
        errorMessage:
          'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
      },
    });
  });

  it('DryRun answers 204 without running the function', async () => {
    const before = sandbox.lambda.logs('echo').length;
    const response = await lambda.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }),
    );
    expect(response.StatusCode).toBe(204);
    expect(sandbox.lambda.logs('echo')).toHaveLength(before);
  });

  it('Event answers 202 at once, and the function runs after', async () => {
    const response = await lambda.send(
      new InvokeCommand({
        FunctionName: 'echo',
        InvocationType: 'Event',
        Payload: JSON.stringify({ order: 'async-1' }),
      }),
    );
    expect(response.StatusCode).toBe(202);
    const requestId = response.$metadata.requestId;
    await waitFor(() =>
      sandbox.lambda
        .logs('echo')
        .some((line) => line.requestId === requestId && line.line.startsWith('END')),
    );
    expect(
      sandbox.lambda
        .logs('echo')
        .filter((line) => line.requestId === requestId)
        .map((line) => line.line.split('\t')[0]),
    ).toEqual([
      `START RequestId: ${requestId} Version: $LATEST`,
      'echo got {"order":"async-1"}',
      `END RequestId: ${requestId}`,
      `REPORT RequestId: ${requestId}`,
    ]);
  });

  it('an unknown function, version or account is ResourceNotFoundException', async () => {
    const attempts = ['nobody', 'echo:7', '111111111111:function:echo'];
    const errors = await Promise.all(
      attempts.map((FunctionName) =>
        lambda.send(new InvokeCommand({ FunctionName })).catch((error: unknown) => error),
      ),
    );
    expect(errors.map((error) => error instanceof ResourceNotFoundException)).toEqual([
      true,
      true,
      true,
    ]);
    expect(errors.map((error) => (error as Error).message)).toEqual([
      'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nobody',
      'Function not found: arn:aws:lambda:us-east-1:000000000000:function:echo:7',
      'Function not found: arn:aws:lambda:us-east-1:000000000000:function:echo',
    ]);
  });

  it('an Event payload over 1 MB is refused before anything runs', async () => {
    const error = await lambda
      .send(
        new InvokeCommand({
          FunctionName: 'echo',
          InvocationType: 'Event',
          Payload: JSON.stringify({ blob: 'x'.repeat(1_048_576) }),
        }),
      )
      .catch((caught: unknown) => caught);
    expect((error as { name: string }).name).toBe('RequestEntityTooLargeException');
    expect((error as Error).message).toBe(
      'Request must be smaller than 1048576 bytes for the InvokeFunction operation',
    );
    expect(error instanceof RequestTooLargeException).toBe(false);
  });
});

describe('Invoke requests the SDK would not send', () => {
  const invoke = (name: string, init: { headers?: Record<string, string>; body?: string }) =>
    fetch(`${sandbox.endpoint}/2015-03-31/functions/${name}/invocations`, {
      method: 'POST',
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=sandbox/20261207/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0',
        ...init.headers,
      },
      ...(init.body !== undefined && { body: init.body }),
    });

  it('a payload that is no JSON is InvalidRequestContentException', async () => {
    const response = await invoke('echo', { body: '{"order": ' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException');
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^Could not parse request body into json: /,
    );
  });

  it('an unknown invocation type names the field and the rule', async () => {
    const response = await invoke('echo', { headers: { 'x-amz-invocation-type': 'Later' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'ValidationException',
      message:
        "1 validation error detected: Value 'Later' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [RequestResponse, Event, DryRun]",
    });
  });

  it('a function name out of the pattern names the field', async () => {
    const response = await invoke(encodeURIComponent('bad name!'), {});
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^1 validation error detected: Value 'bad name!' at 'functionName' failed to satisfy constraint: /,
    );
  });

  it('a payload with __proto__ keys reaches the function as plain data', async () => {
    const response = await invoke('echo', { body: '{"__proto__": {"polluted": true}, "a": 1}' });
    expect(await response.json()).toEqual({
      received: JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'),
      functionName: 'echo',
    });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('asynchronous invocations', () => {
  it('an EventBridge rule invokes its Lambda target with the event', async () => {
    const { events } = sdkClients(sandbox);
    const { Entries = [] } = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'invoke-bus',
            Source: 'shop',
            DetailType: 'order.placed',
            Detail: JSON.stringify({ order: 'o-9' }),
          },
        ],
      }),
    );
    const eventId = Entries[0]?.EventId;
    await waitFor(() =>
      sandbox.lambda.logs('on-order').some((line) => line.line.includes('echo got')),
    );
    const logged = sandbox.lambda.logs('on-order').find((line) => line.line.includes('echo got'));
    const event = JSON.parse(logged?.line.slice(logged.line.indexOf('{')) ?? 'null');
    expect(event).toMatchObject({
      version: '0',
      id: eventId,
      'detail-type': 'order.placed',
      source: 'shop',
      account: '000000000000',
      region: 'us-east-1',
      detail: { order: 'o-9' },
    });
  });

  it('a failing function is retried as configured, then its event goes to the DLQ and the on-failure destination', async () => {
    const response = await lambda.send(
      new InvokeCommand({
        FunctionName: 'fails',
        InvocationType: 'Event',
        Payload: JSON.stringify({ order: 'o-3' }),
      }),
    );
    const requestId = response.$metadata.requestId;
    await sandbox.lambda.drainAsync();
    // retryAttempts: 1 — two tries in all, under one request id.
    expect(
      sandbox.lambda
        .logs('fails')
        .filter((line) => line.requestId === requestId && line.line.startsWith('START')),
    ).toHaveLength(2);
    const { sqs } = sdkClients(sandbox);
    const failure = {
      functionName: 'fails',
      requestId,
      attempts: 2,
      condition: 'RetriesExhausted',
      errorType: 'TypeError',
      errorMessage: 'no such order: o-3',
      sentTo: [
        'arn:aws:sqs:us-east-1:000000000000:fails-dlq',
        'arn:aws:sqs:us-east-1:000000000000:fails-on-failure',
      ],
    };
    expect(sandbox.lambda.asyncFailures()).toEqual([failure]);
    expect(asyncFailures).toEqual([failure]);

    const [parked] = await receiveMessages(
      sqs,
      `${sandbox.endpoint}/000000000000/fails-dlq`,
      1,
      5_000,
    );
    expect(parked?.Body).toBe('{"order":"o-3"}');
    const [record] = await receiveMessages(
      sqs,
      `${sandbox.endpoint}/000000000000/fails-on-failure`,
      1,
      5_000,
    );
    expect(JSON.parse(record?.Body ?? 'null')).toMatchObject({
      version: '1.0',
      requestContext: {
        requestId,
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fails:$LATEST',
        condition: 'RetriesExhausted',
        approximateInvokeCount: 2,
      },
      requestPayload: { order: 'o-3' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'TypeError', errorMessage: 'no such order: o-3' },
    });
  });
});

describe('Invoke through the AWS CLI', () => {
  it('aws lambda invoke writes the result to its outfile and reports 200', async () => {
    const home = mkdtempSync(join(tmpdir(), 'lambda-awscli-'));
    const outfile = join(home, 'out.json');
    try {
      const answer = await awsCli(sandbox.endpoint, home, [
        'lambda',
        'invoke',
        '--function-name',
        'echo',
        '--cli-binary-format',
        'raw-in-base64-out',
        '--payload',
        '{"order":"cli-1"}',
        outfile,
      ]);
      expect(answer).toEqual({ StatusCode: 200, ExecutedVersion: '$LATEST' });
      expect(JSON.parse(readFileSync(outfile, 'utf8'))).toEqual({
        received: { order: 'cli-1' },
        functionName: 'echo',
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
