import { randomUUID } from 'node:crypto';
import type { SandboxClock } from '../../clock.js';
import type { SandboxApi } from '../../deploy/sandbox-api.js';
import type { InvocationResult } from './function-pool.js';

/**
 * What a function does with events it is handed asynchronously (`InvocationType: Event`, an
 * EventBridge rule, …): the function's `DeadLetterConfig` and its `AWS::Lambda::EventInvokeConfig`.
 */
export interface AsyncInvokeConfig {
  /** Retries after a function error: 0–2. Default 2, as in Lambda. */
  readonly maximumRetryAttempts?: number;
  /** An event older than this is not tried again: 60–21 600 s. Default 21 600 (6 hours). */
  readonly maximumEventAgeSeconds?: number;
  /** `DeadLetterConfig.TargetArn`: an SQS queue that gets the event once every try failed. */
  readonly deadLetterQueueArn?: string;
  /** `DestinationConfig.OnFailure`: an SQS queue that gets the invocation record of a failure. */
  readonly onFailureArn?: string;
  /** `DestinationConfig.OnSuccess`: an SQS queue that gets the invocation record of a success. */
  readonly onSuccessArn?: string;
}

/** An asynchronous invocation that failed every try it was given. */
export interface AsyncInvocationFailure {
  readonly functionName: string;
  readonly requestId: string;
  /** Invocations made: 1 plus the retries. */
  readonly attempts: number;
  /** Why the retries ended. */
  readonly condition: 'RetriesExhausted' | 'EventAgeExceeded';
  readonly errorType: string;
  readonly errorMessage: string;
  /** The queues the event or its invocation record went to, if any. */
  readonly sentTo: readonly string[];
}

/** Lambda's waits before the second and the third try of an asynchronous invocation. */
const RETRY_DELAYS_MS = [60_000, 120_000] as const;
const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 21_600;

interface AsyncFunction {
  readonly functionArn: string;
  readonly config: AsyncInvokeConfig;
  invoke(event: unknown, requestId: string): Promise<InvocationResult>;
}

/**
 * Lambda's queue of asynchronous invocations: each event is invoked once accepted; after a function
 * error it is tried again (twice by default, a minute then two minutes later on the sandbox clock)
 * and, once no try is left, sent to the function's dead-letter queue and on-failure destination.
 * Every failure is also kept and reported, so none goes unnoticed.
 */
export class AsyncInvocations {
  private readonly pending = new Set<Promise<void>>();
  private readonly scheduled = new Set<() => void>();
  private readonly failures: AsyncInvocationFailure[] = [];
  private closed = false;

  constructor(
    private readonly clock: SandboxClock,
    private readonly api: SandboxApi,
    private readonly onFailure: (failure: AsyncInvocationFailure) => void,
    /**
     * Why the function's role may not send to this queue (IAM), or undefined: Lambda sends to a
     * dead-letter queue and destinations as the function's execution role.
     */
    private readonly sendProblem: (
      functionName: string,
      queueArn: string,
    ) => string | undefined = () => undefined,
  ) {}

  /** Accepts the event; returns the request id the invocation (and each retry) runs under. */
  accept(functionName: string, target: AsyncFunction, event: unknown): string {
    const requestId = randomUUID();
    this.track(this.attempt(functionName, target, event, requestId, 1, this.clock.now()));
    return requestId;
  }

  /** The asynchronous invocations that failed every try, oldest first. */
  failed(): readonly AsyncInvocationFailure[] {
    return [...this.failures];
  }

  /** Resolves once every accepted invocation has succeeded or failed for good, retries included. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Cancels scheduled retries and waits for the invocations running now. */
  async close(): Promise<void> {
    this.closed = true;
    for (const cancel of this.scheduled) cancel();
    this.scheduled.clear();
    await Promise.allSettled([...this.pending]);
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async attempt(
    functionName: string,
    target: AsyncFunction,
    event: unknown,
    requestId: string,
    attempts: number,
    acceptedAt: number,
  ): Promise<void> {
    if (this.closed) return;
    let result: InvocationResult;
    try {
      result = await target.invoke(event, requestId);
    } catch (error) {
      // The function went away while the event waited (a destroy or a redeploy in progress).
      result = {
        ok: false,
        requestId,
        durationMs: 0,
        error: { errorType: 'ResourceNotFoundException', errorMessage: String(error), trace: [] },
      };
    }
    const { config, functionArn } = target;
    const record = (condition: string, attempt: number) => ({
      version: '1.0',
      timestamp: new Date(this.clock.now()).toISOString(),
      requestContext: {
        requestId,
        functionArn: `${functionArn}:$LATEST`,
        condition,
        approximateInvokeCount: attempt,
      },
      requestPayload: event,
      responseContext: {
        statusCode: 200,
        executedVersion: '$LATEST',
        ...(!result.ok && { functionError: 'Unhandled' }),
      },
      responsePayload: result.ok
        ? result.result
        : {
            errorType: result.error.errorType,
            errorMessage: result.error.errorMessage,
            trace: result.error.trace,
          },
    });
    if (result.ok) {
      if (config.onSuccessArn)
        await this.send(functionName, config.onSuccessArn, record('Success', attempts));
      return;
    }
    const retries = Math.min(2, Math.max(0, config.maximumRetryAttempts ?? 2));
    const maximumAgeMs =
      (config.maximumEventAgeSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS) * 1000;
    const delay = RETRY_DELAYS_MS[attempts - 1] ?? 0;
    const tooOld = this.clock.now() + delay - acceptedAt > maximumAgeMs;
    if (attempts <= retries && !tooOld && !this.closed) {
      await new Promise<void>((resolve) => {
        const cancel = this.clock.schedule(() => {
          this.scheduled.delete(cancelAndResolve);
          resolve();
        }, delay);
        const cancelAndResolve = () => {
          cancel();
          resolve();
        };
        this.scheduled.add(cancelAndResolve);
      });
      if (this.closed) return;
      return this.attempt(functionName, target, event, requestId, attempts + 1, acceptedAt);
    }
    const condition = attempts <= retries ? 'EventAgeExceeded' : 'RetriesExhausted';
    const sentTo: string[] = [];
    if (config.deadLetterQueueArn) {
      const sent = await this.send(functionName, config.deadLetterQueueArn, event, {
        RequestID: requestId,
        ErrorCode: '200',
        ErrorMessage: result.error.errorMessage,
      });
      if (sent) sentTo.push(config.deadLetterQueueArn);
    }
    if (config.onFailureArn) {
      const sent = await this.send(functionName, config.onFailureArn, record(condition, attempts));
      if (sent) sentTo.push(config.onFailureArn);
    }
    const failure: AsyncInvocationFailure = {
      functionName,
      requestId,
      attempts,
      condition,
      errorType: result.error.errorType,
      errorMessage: result.error.errorMessage,
      sentTo,
    };
    this.failures.push(failure);
    this.onFailure(failure);
  }

  /** Sends to an SQS queue given by ARN; false (and reported) when the queue cannot take it. */
  private async send(
    functionName: string,
    queueArn: string,
    body: unknown,
    attributes: Readonly<Record<string, string>> = {},
  ): Promise<boolean> {
    const [, , service, , , queueName] = queueArn.split(':');
    if (service !== 'sqs' || !queueName) return false;
    if (this.sendProblem(functionName, queueArn) !== undefined) return false;
    try {
      const { QueueUrl } = await this.api.call('sqs', 'GetQueueUrl', { QueueName: queueName });
      await this.api.call('sqs', 'SendMessage', {
        QueueUrl: String(QueueUrl),
        MessageBody: JSON.stringify(body ?? null),
        MessageAttributes: Object.fromEntries(
          Object.entries(attributes).map(([name, value]) => [
            name,
            { DataType: 'String', StringValue: value },
          ]),
        ),
      });
      return true;
    } catch {
      return false;
    }
  }
}
