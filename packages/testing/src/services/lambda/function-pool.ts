import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { WORKER_SOURCE } from './worker-source.js';

/** A deployed function, as its pool runs it. */
export interface FunctionConfig {
  readonly functionName: string;
  readonly functionArn: string;
  /** Folder holding the handler's code. */
  readonly codeDir: string;
  /** `file.export`, as in Lambda (`index.handler`). */
  readonly handler: string;
  readonly runtime: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  /** The worker's whole environment: the template's variables, AWS's reserved ones, the sandbox's. */
  readonly environment: Readonly<Record<string, string>>;
  /** At most this many invocations at once (a worker each). */
  readonly concurrency: number;
  /** node_modules folders the handler's bare `@aws-sdk/*` imports may resolve from. */
  readonly sdkPaths: readonly string[];
}

/** What one invocation returned, as Lambda reports it. */
export type InvocationResult =
  | {
      readonly ok: true;
      readonly requestId: string;
      readonly result: unknown;
      readonly durationMs: number;
    }
  | {
      readonly ok: false;
      readonly requestId: string;
      readonly error: {
        readonly errorType: string;
        readonly errorMessage: string;
        readonly trace: readonly string[];
      };
      readonly durationMs: number;
    };

/**
 * The line Lambda's Node.js runtime logs for a failed invocation: the timeout's own message, or
 * `ERROR Invoke Error` with the error as JSON, so a failure shows in the function's log.
 */
function failureLine(
  requestId: string,
  error: {
    readonly errorType: string;
    readonly errorMessage: string;
    readonly trace: readonly string[];
  },
): string {
  if (error.errorType === 'Sandbox.Timedout') return error.errorMessage;
  const detail = {
    errorType: error.errorType,
    errorMessage: error.errorMessage,
    stack: error.trace,
  };
  return `${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(detail)}`;
}

/** The pool of a function that was removed or replaced took no more invocations. */
export class FunctionPoolClosedError extends Error {
  readonly code = 'FUNCTION_POOL_CLOSED' as const;
  override get name(): 'FunctionPoolClosedError' {
    return 'FunctionPoolClosedError';
  }
  constructor(readonly functionName: string) {
    super(`function ${functionName} is being removed or replaced`);
  }
}

interface PooledWorker {
  readonly worker: Worker;
  busy: boolean;
  /** The request it runs now. */
  current?: string;
  initError?: { errorType: string; errorMessage: string; trace: string[] };
}

type Pending = {
  resolve: (result: InvocationResult) => void;
  requestId: string;
  started: number;
};

/**
 * The warm workers of one function. Each worker runs one invocation at a time; more start, up to
 * `concurrency`, while all are busy; the rest wait their turn. A worker that times out is
 * terminated and replaced on the next invocation.
 */
export class FunctionPool {
  private readonly idle: PooledWorker[] = [];
  private readonly all = new Set<PooledWorker>();
  private readonly waiting: (() => void)[] = [];
  private readonly pending = new Map<string, Pending>();
  /** Woken each time an invocation ends, while a draining `close` waits. */
  private readonly drained: (() => void)[] = [];
  private closed = false;

  constructor(
    readonly config: FunctionConfig,
    /** Each log line, with the request it belongs to when one is running. */
    private readonly log: (line: string, requestId?: string) => void,
  ) {}

  /** Runs one invocation; `requestId` is the one it runs under (default: a new one). */
  async invoke(event: unknown, requestId: string = randomUUID()): Promise<InvocationResult> {
    const pooled = await this.acquire();
    const started = Date.now();
    const { config } = this;
    this.log(`START RequestId: ${requestId} Version: $LATEST`, requestId);
    const result = await new Promise<InvocationResult>((resolve) => {
      if (pooled.initError) {
        resolve({ ok: false, requestId, error: pooled.initError, durationMs: 0 });
        return;
      }
      this.pending.set(requestId, { resolve, requestId, started });
      pooled.current = requestId;
      const timer = setTimeout(() => {
        if (!this.pending.delete(requestId)) return;
        // As Lambda: the invocation fails and the execution environment is thrown away.
        this.retire(pooled);
        const seconds = config.timeoutSeconds.toFixed(2);
        resolve({
          ok: false,
          requestId,
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `${new Date().toISOString()} ${requestId} Task timed out after ${seconds} seconds`,
            trace: [],
          },
          durationMs: Date.now() - started,
        });
      }, config.timeoutSeconds * 1000);
      timer.unref();
      pooled.worker.postMessage({
        id: requestId,
        event,
        context: {
          awsRequestId: requestId,
          functionName: config.functionName,
          functionVersion: '$LATEST',
          invokedFunctionArn: config.functionArn,
          memoryLimitInMB: String(config.memorySize),
          logGroupName: `/aws/lambda/${config.functionName}`,
          logStreamName: `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${requestId.replaceAll('-', '')}`,
          deadline: started + config.timeoutSeconds * 1000,
        },
      });
    });
    if (!result.ok) this.log(failureLine(requestId, result.error), requestId);
    const duration = result.durationMs.toFixed(2);
    this.log(`END RequestId: ${requestId}`, requestId);
    this.log(
      `REPORT RequestId: ${requestId}\tDuration: ${duration} ms\tBilled Duration: ${Math.max(1, Math.ceil(result.durationMs))} ms\tMemory Size: ${config.memorySize} MB`,
      requestId,
    );
    this.release(pooled);
    return result;
  }

  /**
   * Stops the pool. With `drain`, the invocations running now finish first (a redeploy lets them
   * end on the old code); without it they fail as a runtime that exited does. Invocations still
   * waiting for a worker get a `FunctionPoolClosedError`, so their caller can go to the new pool.
   */
  async close(options: { drain?: boolean } = {}): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
    if (options.drain) {
      while (this.pending.size > 0) {
        await new Promise<void>((resolve) => this.drained.push(resolve));
      }
    }
    await Promise.all([...this.all].map((pooled) => pooled.worker.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private async acquire(): Promise<PooledWorker> {
    for (;;) {
      if (this.closed) throw new FunctionPoolClosedError(this.config.functionName);
      const idle = this.idle.pop();
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (this.all.size < this.config.concurrency) {
        const started = this.start();
        started.busy = true;
        return started;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(pooled: PooledWorker): void {
    pooled.busy = false;
    pooled.current = undefined;
    for (const wake of this.drained.splice(0)) wake();
    if (this.all.has(pooled)) this.idle.push(pooled);
    this.waiting.shift()?.();
  }

  private retire(pooled: PooledWorker): void {
    this.all.delete(pooled);
    void pooled.worker.terminate();
  }

  private start(): PooledWorker {
    const { config } = this;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env: { ...config.environment },
      workerData: { codeDir: config.codeDir, handler: config.handler, sdkPaths: config.sdkPaths },
    });
    worker.unref();
    const pooled: PooledWorker = { worker, busy: false };
    this.all.add(pooled);
    let partial = '';
    worker.on('message', (message: Record<string, unknown>) => {
      if (typeof message.output === 'string') {
        const lines = (partial + message.output).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) this.log(line, pooled.current);
        return;
      }
      if (partial) {
        this.log(partial, pooled.current);
        partial = '';
      }
      if (message.initError) {
        pooled.initError = message.initError as PooledWorker['initError'];
        this.log(`INIT_REPORT Init Error: ${JSON.stringify(message.initError)}`);
        this.fail(pooled, pooled.initError as NonNullable<PooledWorker['initError']>);
        return;
      }
      const waiting = this.pending.get(String(message.id));
      if (!waiting) return;
      this.pending.delete(String(message.id));
      const durationMs = Date.now() - waiting.started;
      waiting.resolve(
        message.ok
          ? { ok: true, requestId: waiting.requestId, result: message.result, durationMs }
          : {
              ok: false,
              requestId: waiting.requestId,
              error: message.error as { errorType: string; errorMessage: string; trace: string[] },
              durationMs,
            },
      );
    });
    worker.on('error', (error) => {
      this.log(`worker error: ${error.message}`);
      this.retire(pooled);
      this.fail(pooled, {
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: ${pooled.current} Error: Runtime exited: ${error.message}`,
        trace: String(error.stack ?? '').split('\n'),
      });
    });
    // A worker that ends (terminated by `close`, or its thread exited) takes its invocation down
    // with it, as a runtime that exits does; nothing waits for an answer that cannot come.
    worker.on('exit', (exitCode) => {
      this.all.delete(pooled);
      this.fail(pooled, {
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: ${pooled.current} Error: Runtime exited with error: exit status ${exitCode}`,
        trace: [],
      });
    });
    return pooled;
  }

  /** Ends the invocation `pooled` runs, if any, with `error`. */
  private fail(pooled: PooledWorker, error: NonNullable<PooledWorker['initError']>): void {
    const waiting = pooled.current === undefined ? undefined : this.pending.get(pooled.current);
    if (!waiting || pooled.current === undefined) return;
    this.pending.delete(pooled.current);
    waiting.resolve({
      ok: false,
      requestId: waiting.requestId,
      error,
      durationMs: Date.now() - waiting.started,
    });
  }
}
