import type { SandboxClock } from '../../clock.js';
import type { SandboxApi } from '../../deploy/sandbox-api.js';
import { SandboxError } from '../../errors.js';
import {
  type AsyncInvocationFailure,
  AsyncInvocations,
  type AsyncInvokeConfig,
} from './async-invocations.js';
import {
  type FunctionConfig,
  FunctionPool,
  FunctionPoolClosedError,
  type InvocationResult,
} from './function-pool.js';
import { type SqsMappingConfig, SqsPoller } from './sqs-poller.js';

/** One captured log line of a function. */
export interface FunctionLogLine {
  readonly functionName: string;
  readonly line: string;
  /** The invocation that wrote it; absent for lines written outside one (init, a worker's end). */
  readonly requestId?: string;
}

/** The deployed functions of a sandbox: invoke them, read their logs. */
export interface LambdaService {
  /** Invokes a deployed function synchronously, as `RequestResponse` does. */
  invoke(functionName: string, event: unknown): Promise<InvocationResult>;
  /**
   * Hands an event to a deployed function asynchronously, as `InvocationType: Event` and an
   * EventBridge rule do; returns the request id. A function error is retried as Lambda does (up
   * to twice, a minute and then two minutes later on the sandbox clock), then the event goes to
   * the function's dead-letter queue and on-failure destination.
   */
  invokeAsync(functionName: string, event: unknown): string;
  /** Resolves once every asynchronous invocation accepted so far has ended, retries included. */
  drainAsync(): Promise<void>;
  /** Asynchronous invocations that failed every try, oldest first. */
  asyncFailures(): readonly AsyncInvocationFailure[];
  /** Every log line of a function so far (START, its output, END, REPORT), or of all functions. */
  logs(functionName?: string): readonly FunctionLogLine[];
  /** The names of the deployed functions. */
  functionNames(): readonly string[];
}

/** A deployed function: how it runs, and what it does with asynchronous events. */
export interface DeployedFunction extends FunctionConfig {
  readonly asyncConfig: AsyncInvokeConfig;
}

export interface LambdaServiceBehindDeploy extends LambdaService {
  /** True when a function of that name is deployed. */
  has(functionName: string): boolean;
  putFunction(config: DeployedFunction): Promise<void>;
  /** Sets the function's `AWS::Lambda::EventInvokeConfig` (merged over its dead-letter queue). */
  putAsyncConfig(functionName: string, config: AsyncInvokeConfig): void;
  deleteFunction(functionName: string): Promise<void>;
  putMapping(id: string, functionName: string, config: SqsMappingConfig): Promise<void>;
  deleteMapping(id: string): Promise<void>;
  close(): Promise<void>;
}

export interface LambdaServiceOptions {
  readonly api: SandboxApi;
  /** The clock asynchronous retries wait on. */
  readonly clock: SandboxClock;
  /** Called with each log line as it arrives; default: kept only. */
  readonly onLog?: (line: FunctionLogLine) => void;
  /** Called for each asynchronous invocation that failed every try; default: a line on stderr. */
  readonly onAsyncFailure?: (failure: AsyncInvocationFailure) => void;
  /**
   * Why a function's event source mapping may not poll its queue now (IAM), or undefined.
   * Default: it always may.
   */
  readonly mappingProblem?: (functionName: string, queueArn: string) => string | undefined;
  /**
   * Why a function's role may not send to its dead-letter queue or a destination (IAM), or
   * undefined. Default: it always may.
   */
  readonly destinationProblem?: (functionName: string, queueArn: string) => string | undefined;
}

/** The function named `functionName` is not deployed. */
export class FunctionNotFoundError extends SandboxError {
  readonly code = 'FUNCTION_NOT_FOUND' as const;
  override get name(): 'FunctionNotFoundError' {
    return 'FunctionNotFoundError';
  }
  constructor(
    readonly functionName: string,
    deployed: readonly string[],
  ) {
    super(`Function not found: ${functionName}; deployed: ${deployed.join(', ') || 'none'}`);
  }
}

export function createLambdaService(options: LambdaServiceOptions): LambdaServiceBehindDeploy {
  const pools = new Map<string, FunctionPool>();
  const asyncConfigs = new Map<
    string,
    { own: AsyncInvokeConfig; invokeConfig: AsyncInvokeConfig }
  >();
  const mappings = new Map<string, SqsPoller>();
  const lines: FunctionLogLine[] = [];
  const logger = (functionName: string) => (line: string, requestId?: string) => {
    const entry =
      requestId === undefined ? { functionName, line } : { functionName, line, requestId };
    lines.push(entry);
    options.onLog?.(entry);
  };
  const poolOf = (functionName: string) => {
    const pool = pools.get(functionName);
    if (!pool) throw new FunctionNotFoundError(functionName, [...pools.keys()]);
    return pool;
  };
  /** Invokes on the function's current pool; one replaced while the event waited hands it on. */
  const invoke = async (functionName: string, event: unknown, requestId?: string) => {
    for (;;) {
      const pool = poolOf(functionName);
      try {
        return await pool.invoke(event, requestId);
      } catch (error) {
        if (!(error instanceof FunctionPoolClosedError) || pools.get(functionName) === pool) {
          throw error;
        }
      }
    }
  };
  const asyncInvocations = new AsyncInvocations(
    options.clock,
    options.api,
    options.onAsyncFailure ?? warnAboutAsyncFailure,
    options.destinationProblem,
  );

  return {
    invoke: (functionName, event) => invoke(functionName, event),
    invokeAsync(functionName, event) {
      const pool = poolOf(functionName);
      const configs = asyncConfigs.get(functionName);
      return asyncInvocations.accept(
        functionName,
        {
          functionArn: pool.config.functionArn,
          config: { ...configs?.own, ...configs?.invokeConfig },
          invoke: (payload, requestId) => invoke(functionName, payload, requestId),
        },
        event,
      );
    },
    drainAsync: () => asyncInvocations.drain(),
    asyncFailures: () => asyncInvocations.failed(),
    logs: (functionName) =>
      functionName === undefined
        ? [...lines]
        : lines.filter((line) => line.functionName === functionName),
    functionNames: () => [...pools.keys()],
    has: (functionName) => pools.has(functionName),
    async putFunction({ asyncConfig, ...config }) {
      // New code or settings: new workers; the old ones finish what they run and go.
      const previous = pools.get(config.functionName);
      pools.set(config.functionName, new FunctionPool(config, logger(config.functionName)));
      asyncConfigs.set(config.functionName, {
        own: asyncConfig,
        invokeConfig: asyncConfigs.get(config.functionName)?.invokeConfig ?? {},
      });
      await previous?.close({ drain: true });
    },
    putAsyncConfig(functionName, config) {
      poolOf(functionName);
      const current = asyncConfigs.get(functionName);
      asyncConfigs.set(functionName, { own: current?.own ?? {}, invokeConfig: config });
    },
    async deleteFunction(functionName) {
      const pool = pools.get(functionName);
      pools.delete(functionName);
      asyncConfigs.delete(functionName);
      await pool?.close();
    },
    async putMapping(id, functionName, config) {
      await mappings.get(id)?.stop();
      mappings.set(
        id,
        new SqsPoller(
          config,
          options.api,
          (event) => invoke(functionName, event),
          logger(functionName),
          () => options.mappingProblem?.(functionName, config.queueArn),
        ),
      );
    },
    async deleteMapping(id) {
      const poller = mappings.get(id);
      mappings.delete(id);
      await poller?.stop();
    },
    async close() {
      await Promise.all([...mappings.values()].map((poller) => poller.stop()));
      mappings.clear();
      await asyncInvocations.close();
      await Promise.all([...pools.values()].map((pool) => pool.close()));
      pools.clear();
    },
  };
}

function warnAboutAsyncFailure(failure: AsyncInvocationFailure): void {
  const parked = failure.sentTo.length > 0 ? `; sent to ${failure.sentTo.join(', ')}` : '';
  console.warn(
    `[sandbox] asynchronous invocation ${failure.requestId} of ${failure.functionName} failed after ${failure.attempts} attempt(s) (${failure.condition}): ${failure.errorType}: ${failure.errorMessage}${parked}`,
  );
}
