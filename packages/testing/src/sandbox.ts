import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxClock, systemClock } from './clock.js';
import { createDeployer, type DeployOptions, type DeployResult } from './deploy/deployer.js';
import { sandboxApi } from './deploy/sandbox-api.js';
import { type EdgeServer, startEdge } from './edge/server.js';
import { SANDBOX_ACCOUNT_ID, SANDBOX_REGION, type SandboxService } from './edge/service.js';
import {
  edgeAuthorizer,
  IamAuthorizer,
  type IamMode,
  IamRegistry,
  InvalidIamModeError,
  type SandboxIam,
} from './iam/index.js';
import { createControlService } from './services/control/service.js';
import {
  createDynamoDbService,
  type DynamoDbService,
  type DynamoDbServiceBehindEdge,
} from './services/dynamodb/index.js';
import {
  createEventsService,
  type DeliveryFailure,
  type EventsService,
} from './services/events/index.js';
import type { AsyncInvocationFailure } from './services/lambda/async-invocations.js';
import { createLambdaInvokeApi, lambdaTargetSink } from './services/lambda/invoke-api.js';
import {
  createLambdaService,
  type FunctionLogLine,
  type LambdaService,
} from './services/lambda/service.js';
import { createSesService, type SesInspector } from './services/ses/index.js';
import { createSqsService, type SqsService } from './services/sqs/index.js';

export interface SandboxOptions {
  /** Port of the edge endpoint on 127.0.0.1. Default: a free port chosen by the OS. */
  port?: number;
  /**
   * Browser origins allowed to call the sandbox, exactly as the browser sends them
   * (`http://localhost:5173`). Default: none. Requests that carry another `Origin`, come from
   * another site (`Sec-Fetch-Site`), or name a non-loopback `Host` get a 403, so a web page open in
   * the developer's browser cannot drive the sandbox. SDKs and the AWS CLI send no origin.
   */
  allowedOrigins?: readonly string[];
  /**
   * The clock every timer reads (visibility timeouts, delays, long polls, retention, delivery retries,
   * event times).
   * Default: the wall clock. Tests pass `acceleratedClock(1000)` to make minutes take milliseconds.
   */
  clock?: SandboxClock;
  /**
   * DynamoDB: by default AWS's DynamoDB Local is started in memory (needs Java >= 17).
   * `{ endpoint }` relays to a DynamoDB that already runs instead; `false` starts without DynamoDB.
   */
  dynamodb?: { endpoint?: string; javaCommand?: string } | false;
  /**
   * Called for every EventBridge delivery that failed (all of them are also kept in
   * `events.deliveryFailures()`). Default: one line on stderr per failure, so none goes unnoticed.
   */
  onDeliveryFailure?: (failure: DeliveryFailure) => void;
  /**
   * Called with every log line of a deployed function as it arrives (its output, and Lambda's
   * START, END and REPORT lines). Default: none; `sandbox.lambda.logs()` keeps them all.
   */
  onFunctionLog?: (line: FunctionLogLine) => void;
  /**
   * Called for every asynchronous invocation (`InvocationType: Event`, an EventBridge rule's
   * Lambda target) that failed every try (all are also kept in `lambda.asyncFailures()`).
   * Default: one line on stderr per failure.
   */
  onAsyncInvocationFailure?: (failure: AsyncInvocationFailure) => void;
  /**
   * How the IAM policies of deployed templates are applied. `enforce` (default): a deployed
   * function's calls are checked against its execution role's policies, and deployed rules'
   * deliveries against the queue policies and Lambda permissions, as AWS checks them; what they
   * do not allow fails as in AWS. `warn`: the same checks, but a denial is only recorded and
   * printed. `off`: nothing is checked. The sandbox's own credentials (`sandbox.env`'s and
   * `test`) and unsigned requests are never restricted.
   */
  iam?: IamMode;
}

/**
 * What a process needs to talk to the sandbox: one endpoint for every SDK client, dummy credentials.
 * The per-service endpoint variables are set too, because SDKs prefer them to `AWS_ENDPOINT_URL`:
 * a stale `AWS_ENDPOINT_URL_DYNAMODB` inherited from elsewhere would otherwise win.
 */
export interface SandboxEnv {
  AWS_ENDPOINT_URL: string;
  AWS_ENDPOINT_URL_DYNAMODB: string;
  AWS_ENDPOINT_URL_EVENTBRIDGE: string;
  AWS_ENDPOINT_URL_LAMBDA: string;
  AWS_ENDPOINT_URL_SESV2: string;
  AWS_ENDPOINT_URL_SQS: string;
  AWS_REGION: string;
  AWS_DEFAULT_REGION: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  [name: string]: string;
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>`: DynamoDB, EventBridge, SQS, Lambda's Invoke and SES v2 answer here. */
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  /** Spread into `process.env` (or a child's env) to point AWS SDKs and the AWS CLI at the sandbox. */
  readonly env: SandboxEnv;
  readonly clock: SandboxClock;
  readonly sqs: SqsService;
  readonly events: EventsService;
  /** The functions `deploy()` created: invoke them, read their logs. */
  readonly lambda: LambdaService;
  /** Absent when started with `dynamodb: false`. */
  readonly dynamodb?: DynamoDbService;
  /** The IAM mode, and every call and delivery the deployed policies denied. */
  readonly iam: SandboxIam;
  /**
   * The emails SES v2's SendEmail accepted, and the controls tests steer it with: verify a sender
   * identity, refuse a recipient (a poison address), forget what was sent.
   */
  readonly ses: SesInspector;
  /**
   * Deploys a cloud assembly (the folder `cdk synth` writes) as CloudFormation would: each stack
   * after the stacks it depends on, each resource after what it refers to, the intrinsic functions
   * resolved. Tables, buses, rules, queues, queue policies, functions and SES email identities are
   * created; IAM, log groups, keys, topics, alarms and CDK metadata are recorded (`skipped`), and the
   * IAM resources and Lambda permissions are what the deployed functions' calls and the rules'
   * deliveries are checked against (see the `iam` option). An unsupported type fails the deploy
   * before anything of its stack exists. Deploying a stack again updates it in place.
   */
  deploy(cloudAssembly: string, options?: DeployOptions): Promise<DeployResult>;
  /** Removes the resources of a stack `deploy()` created, newest first. */
  destroy(stackName: string): Promise<void>;
  /** Stops the endpoint, every timer and DynamoDB Local. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the sandbox: one local endpoint for DynamoDB (AWS's DynamoDB Local), EventBridge, SQS,
 * Lambda's Invoke and SES v2.
 * DynamoDB Local boots in parallel with the rest; the call resolves once everything answers.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const region = SANDBOX_REGION;
  const accountId = SANDBOX_ACCOUNT_ID;
  const iamMode = options.iam ?? 'enforce';
  if (!IAM_MODES.includes(iamMode)) throw new InvalidIamModeError(iamMode);
  const iamRegistry = new IamRegistry();
  const iam = new IamAuthorizer({
    mode: iamMode,
    registry: iamRegistry,
    accountId,
    ownAccessKeyIds: new Set([SANDBOX_ACCESS_KEY_ID, 'test']),
    now: () => clock.now(),
    queuePolicy: (queueArn) => sqs.queuePolicy(queueArn),
  });
  const dynamodbOptions = options.dynamodb === false ? undefined : (options.dynamodb ?? {});
  const dynamodbStarting = dynamodbOptions
    ? createDynamoDbService({
        ...(dynamodbOptions.endpoint !== undefined && { endpoint: dynamodbOptions.endpoint }),
        ...(dynamodbOptions.javaCommand !== undefined && {
          javaCommand: dynamodbOptions.javaCommand,
        }),
      })
    : undefined;
  // Keep a rejection from surfacing as unhandled while the rest starts; it is awaited below.
  dynamodbStarting?.catch(() => undefined);

  let edge: EdgeServer | undefined;
  const sqs = createSqsService({
    clock,
    region,
    accountId,
    endpoint: () => edge?.endpoint ?? `http://127.0.0.1:${options.port ?? 0}`,
  });
  const events = createEventsService({
    clock,
    region,
    accountId,
    sinks: {
      sqs: (arn, body, sinkOptions) => {
        const refusal =
          sinkOptions.sourceArn === undefined
            ? undefined
            : iam.authorizeQueueDelivery(arn, sinkOptions.sourceArn, sqs.queuePolicy(arn));
        return refusal
          ? { ok: false, code: NO_PERMISSIONS, message: refusal.message }
          : sqs.deliver(arn, body, sinkOptions);
      },
    },
    onDeliveryFailure: options.onDeliveryFailure ?? warnAboutDeliveryFailure,
  });
  // The edge reads this list per request; DynamoDB joins it once it answers.
  const services: SandboxService[] = [events, sqs];
  let dynamodb: DynamoDbServiceBehindEdge | undefined;
  try {
    edge = await startEdge(services, {
      ...(options.port !== undefined && { port: options.port }),
      ...(options.allowedOrigins !== undefined && { allowedOrigins: options.allowedOrigins }),
      ...(iamMode !== 'off' && { authorizer: edgeAuthorizer(iam) }),
    });
    dynamodb = await dynamodbStarting;
  } catch (error) {
    await edge?.close();
    await Promise.allSettled([
      events.close(),
      sqs.close(),
      dynamodbStarting?.then((started) => started.close()),
    ]);
    throw error;
  }
  if (dynamodb) services.unshift(dynamodb);

  const running = edge;
  let stopping: Promise<void> | undefined;
  const endpoint = running.endpoint;
  const api = sandboxApi(endpoint, region);
  const lambda = createLambdaService({
    api,
    clock,
    ...(options.onFunctionLog !== undefined && { onLog: options.onFunctionLog }),
    ...(options.onAsyncInvocationFailure !== undefined && {
      onAsyncFailure: options.onAsyncInvocationFailure,
    }),
    mappingProblem: (functionName, queueArn) => iam.mappingProblem(functionName, queueArn),
    destinationProblem: (functionName, queueArn) => iam.destinationProblem(functionName, queueArn),
  });
  services.push(createLambdaInvokeApi(lambda, { region, accountId }));
  const ses = createSesService({ clock, region, accountId });
  services.push(ses);
  const toFunction = lambdaTargetSink(lambda);
  events.attachTargetSink('lambda', (arn, body, sinkOptions) => {
    const refusal =
      sinkOptions.sourceArn === undefined
        ? undefined
        : iam.authorizeFunctionDelivery(arn, sinkOptions.sourceArn);
    return refusal
      ? { ok: false, code: NO_PERMISSIONS, message: refusal.message }
      : toFunction(arn, body, sinkOptions);
  });
  const workDir = mkdtempSync(join(tmpdir(), 'davinci-sandbox-'));
  const sandboxEnv: SandboxEnv = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint,
    AWS_ENDPOINT_URL_LAMBDA: endpoint,
    AWS_ENDPOINT_URL_SESV2: endpoint,
    AWS_ENDPOINT_URL_SQS: endpoint,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: SANDBOX_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: SANDBOX_ACCESS_KEY_ID,
  };
  const deployer = createDeployer({
    api,
    lambda,
    region,
    accountId,
    sandboxEnv,
    workDir,
    iam: iamRegistry,
  });
  services.push(createControlService(deployer));
  return {
    endpoint,
    port: running.port,
    region,
    accountId,
    env: { ...sandboxEnv },
    lambda,
    clock,
    sqs,
    events,
    ses: ses.inspector,
    ...(dynamodb && { dynamodb }),
    iam: { mode: iamMode, denials: () => iam.denials() },
    deploy: (cloudAssembly, deployOptions) => deployer.deploy(cloudAssembly, deployOptions),
    destroy: (stackName) => deployer.destroy(stackName),
    stop() {
      stopping ??= (async () => {
        // Functions and their pollers first: they call the endpoint.
        await lambda.close();
        rmSync(workDir, { recursive: true, force: true });
        await running.close();
        await Promise.allSettled(services.map((service) => service.close()));
      })();
      return stopping;
    },
  };
}

const IAM_MODES: readonly IamMode[] = ['enforce', 'warn', 'off'];

/** The access key id of `sandbox.env`: the sandbox's own, never restricted. */
const SANDBOX_ACCESS_KEY_ID = 'sandbox';

/** EventBridge's error code for a delivery the target's resource policy does not allow. */
const NO_PERMISSIONS = 'NO_PERMISSIONS';

function warnAboutDeliveryFailure(failure: DeliveryFailure): void {
  const where = failure.targetArn ? ` to ${failure.targetArn} (rule ${failure.ruleArn})` : '';
  const parked = failure.deadLetteredTo
    ? `; sent to the dead-letter queue ${failure.deadLetteredTo}`
    : '';
  const tries =
    failure.attempts && failure.attempts > 1 ? ` after ${failure.attempts} attempts` : '';
  console.warn(
    `[sandbox] EventBridge event ${failure.eventId} not delivered${where}${tries}: ${failure.code}: ${failure.message}${parked}`,
  );
}
