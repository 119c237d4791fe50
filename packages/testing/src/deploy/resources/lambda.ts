import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  generatedName,
  optionalString,
  type ProviderContext,
  type ResourceProvider,
} from './provider.js';

const SUPPORTED_RUNTIME = /^nodejs(18|20|22|24)\.x$/;

/** The `node_modules` folders holding `@aws-sdk/*` above `start`, nearest first. */
function sdkFoldersAbove(start: string): string[] {
  const found: string[] = [];
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', '@aws-sdk'))) found.push(join(dir, 'node_modules'));
    if (dirname(dir) === dir) return found;
  }
}

/**
 * Where a handler's bare `@aws-sdk/*` imports resolve, as the Lambda runtime provides the SDK:
 * next to this package, then in the project the sandbox runs from.
 */
const SDK_PATHS = [
  ...new Set([
    ...sdkFoldersAbove(dirname(fileURLToPath(import.meta.url))),
    ...sdkFoldersAbove(process.cwd()),
  ]),
];

function codeFolder(
  properties: Readonly<Record<string, unknown>>,
  name: string,
  context: ProviderContext,
): string {
  const code = (properties.Code ?? {}) as { S3Key?: unknown; ZipFile?: unknown };
  if (typeof code.ZipFile === 'string') {
    const dir = join(context.workDir, 'functions', `${name}-${randomUUID().slice(0, 8)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.js'), code.ZipFile);
    return dir;
  }
  const key = typeof code.S3Key === 'string' ? code.S3Key : undefined;
  const asset = key === undefined ? undefined : context.assets.get(key);
  if (!asset) {
    throw new Error(
      `function ${name}: its code (S3Key ${JSON.stringify(key)}) is no asset of the cloud assembly`,
    );
  }
  if (asset.packaging !== 'zip') {
    throw new Error(
      `function ${name}: its code asset ${asset.path} is a file; the sandbox runs folder assets`,
    );
  }
  return asset.path;
}

/** AWS::Lambda::Function: its code runs in warm worker threads. `Ref` is the function name. */
export const lambdaFunction: ResourceProvider = {
  effect: 'created',
  replaceOn: ['FunctionName'],
  async create(properties, context) {
    const functionName = optionalString(properties, 'FunctionName') ?? generatedName(context, 64);
    const runtime = optionalString(properties, 'Runtime') ?? '';
    if (!SUPPORTED_RUNTIME.test(runtime)) {
      throw new Error(
        `function ${functionName}: the runtime ${JSON.stringify(runtime)} is not supported; the sandbox runs nodejs18.x to nodejs24.x`,
      );
    }
    const functionArn = `arn:aws:lambda:${context.region}:${context.accountId}:function:${functionName}`;
    const codeDir = codeFolder(properties, functionName, context);
    const handler = optionalString(properties, 'Handler') ?? 'index.handler';
    const timeoutSeconds = Number(properties.Timeout ?? 3);
    const memorySize = Number(properties.MemorySize ?? 128);
    const variables = ((
      properties.Environment as { Variables?: Record<string, unknown> } | undefined
    )?.Variables ?? {}) as Record<string, unknown>;
    const logGroup = `/aws/lambda/${functionName}`;
    const templateVariables = Object.fromEntries(
      Object.entries(variables).map(([key, value]) => [key, String(value)]),
    );
    const role = optionalString(properties, 'Role');
    // As Lambda does: the runtime gets its execution role's temporary credentials, by which the
    // sandbox tells the function's calls apart and checks them against the role's policies.
    const credentials = context.iam.putFunction({
      functionName,
      functionArn,
      ...(role !== undefined && { roleArn: role }),
      environment: templateVariables,
    });
    await context.lambda.putFunction({
      functionName,
      functionArn,
      codeDir,
      handler,
      runtime,
      timeoutSeconds,
      memorySize,
      concurrency: Number(properties.ReservedConcurrentExecutions ?? 10) || 1,
      sdkPaths: SDK_PATHS,
      asyncConfig: deadLetterQueueOf(properties),
      environment: {
        // Functions run on this process's Node, so they see its choice about the SDK's notice
        // on Node versions (Lambda's own Node would not print it).
        ...(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED !== undefined && {
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED:
            process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED,
        }),
        ...context.sandboxEnv,
        ...templateVariables,
        // Reserved: what Lambda sets whatever the template says.
        ...(role !== undefined && {
          AWS_ACCESS_KEY_ID: credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
          AWS_SESSION_TOKEN: credentials.sessionToken,
        }),
        AWS_REGION: context.region,
        AWS_DEFAULT_REGION: context.region,
        AWS_LAMBDA_FUNCTION_NAME: functionName,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memorySize),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_LOG_GROUP_NAME: logGroup,
        AWS_EXECUTION_ENV: `AWS_Lambda_${runtime}`,
        LAMBDA_TASK_ROOT: codeDir,
        _HANDLER: handler,
        TZ: ':UTC',
      },
    });
    return { physicalId: functionName, attributes: { Arn: functionArn } };
  },
  async update(previous, properties, context) {
    return lambdaFunction.create({ ...properties, FunctionName: previous.physicalId }, context);
  },
  async delete(state, context) {
    await context.lambda.deleteFunction(state.physicalId);
    context.iam.deleteFunction(state.physicalId);
  },
};

/** `DeadLetterConfig.TargetArn`, where asynchronous events go once every try failed. */
function deadLetterQueueOf(properties: Readonly<Record<string, unknown>>) {
  const target = (properties.DeadLetterConfig as { TargetArn?: unknown } | undefined)?.TargetArn;
  return typeof target === 'string' && target ? { deadLetterQueueArn: target } : {};
}

/** A destination's ARN, when it names an SQS queue (the destination the sandbox delivers to). */
function destinationArn(value: unknown, field: string): string | undefined {
  const arn = (value as { Destination?: unknown } | undefined)?.Destination;
  if (arn === undefined) return undefined;
  if (typeof arn !== 'string' || arn.split(':')[2] !== 'sqs') {
    throw new Error(
      `${field} ${JSON.stringify(arn)} is not an SQS queue; the sandbox delivers destinations to SQS queues`,
    );
  }
  return arn;
}

/**
 * AWS::Lambda::EventInvokeConfig: the retries, event age and destinations of a function's
 * asynchronous invocations. `Ref` is the function name and qualifier.
 */
export const lambdaEventInvokeConfig: ResourceProvider = {
  effect: 'created',
  replaceOn: ['FunctionName', 'Qualifier'],
  async create(properties, context) {
    const functionName = functionNameOf(properties.FunctionName);
    const destinations = (properties.DestinationConfig ?? {}) as Record<string, unknown>;
    const onFailureArn = destinationArn(destinations.OnFailure, 'DestinationConfig.OnFailure');
    const onSuccessArn = destinationArn(destinations.OnSuccess, 'DestinationConfig.OnSuccess');
    context.lambda.putAsyncConfig(functionName, {
      ...(properties.MaximumRetryAttempts !== undefined && {
        maximumRetryAttempts: Number(properties.MaximumRetryAttempts),
      }),
      ...(properties.MaximumEventAgeInSeconds !== undefined && {
        maximumEventAgeSeconds: Number(properties.MaximumEventAgeInSeconds),
      }),
      ...(onFailureArn !== undefined && { onFailureArn }),
      ...(onSuccessArn !== undefined && { onSuccessArn }),
    });
    return {
      physicalId: `${functionName}:${optionalString(properties, 'Qualifier') ?? '$LATEST'}`,
      attributes: {},
    };
  },
  async update(_previous, properties, context) {
    return lambdaEventInvokeConfig.create(properties, context);
  },
  async delete(state, context) {
    const functionName = state.physicalId.split(':')[0] ?? '';
    if (context.lambda.has(functionName)) context.lambda.putAsyncConfig(functionName, {});
  },
};

/** A function given by name or ARN, as its name. */
function functionNameOf(value: unknown): string {
  const text = String(value);
  return text.startsWith('arn:') ? (text.split(':')[6] ?? text) : text;
}

/** AWS::Lambda::EventSourceMapping from an SQS queue. `Ref` is the mapping's UUID. */
export const lambdaEventSourceMapping: ResourceProvider = {
  effect: 'created',
  replaceOn: ['EventSourceArn', 'FunctionName'],
  async create(properties, context) {
    const id = randomUUID();
    await startMapping(id, properties, context);
    return {
      physicalId: id,
      attributes: {
        Id: id,
        EventSourceMappingArn: `arn:aws:lambda:${context.region}:${context.accountId}:event-source-mapping:${id}`,
      },
    };
  },
  async update(previous, properties, context) {
    await startMapping(previous.physicalId, properties, context);
    return previous;
  },
  async delete(state, context) {
    await context.lambda.deleteMapping(state.physicalId);
  },
};

/**
 * How many batches a mapping keeps in flight: its `MaximumConcurrency` (AWS takes 2–1000), or,
 * without one, the five batches Lambda starts an SQS mapping with. More than the function's
 * concurrency only queue up for its workers, so the sandbox polls with at most 50.
 */
function pollersOf(maximumConcurrency: unknown): number {
  if (maximumConcurrency === undefined) return 5;
  const value = Number(maximumConcurrency);
  return Number.isFinite(value) ? Math.max(1, Math.min(50, Math.floor(value))) : 5;
}

async function startMapping(
  id: string,
  properties: Readonly<Record<string, unknown>>,
  context: ProviderContext,
): Promise<void> {
  const queueArn = String(properties.EventSourceArn ?? '');
  const [, , service, , , queueName] = queueArn.split(':');
  if (service !== 'sqs' || !queueName) {
    throw new Error(
      `EventSourceArn ${JSON.stringify(queueArn)} is not an SQS queue; the sandbox maps SQS queues`,
    );
  }
  await context.lambda.deleteMapping(id);
  const enabled =
    properties.Enabled === undefined ||
    properties.Enabled === true ||
    properties.Enabled === 'true';
  if (!enabled) return;
  const { QueueUrl } = await context.api.call('sqs', 'GetQueueUrl', { QueueName: queueName });
  const types = Array.isArray(properties.FunctionResponseTypes)
    ? properties.FunctionResponseTypes
    : [];
  const scaling = (properties.ScalingConfig ?? {}) as { MaximumConcurrency?: unknown };
  await context.lambda.putMapping(id, functionNameOf(properties.FunctionName), {
    queueArn,
    queueUrl: String(QueueUrl),
    region: context.region,
    batchSize: Number(properties.BatchSize ?? 10),
    batchingWindowSeconds: Number(properties.MaximumBatchingWindowInSeconds ?? 0),
    maximumConcurrency: pollersOf(scaling.MaximumConcurrency),
    reportBatchItemFailures: types.includes('ReportBatchItemFailures'),
  });
}
