import type { SandboxClock } from '../../../clock.js';
import { arnService } from '../models/arns.js';
import type { EventBridgeEvent } from '../models/event.js';
import type { Rule, RuleTarget } from '../models/rule.js';
import { decideRetry, type RetriesExhausted, tooOldToRetry } from './retry-policy.js';

/** The answer of a target's service: the SQS service's `deliver` has this shape. */
export type DeliveryOutcome =
  | { readonly ok: true; readonly messageId?: string }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      /**
       * True for a transient failure (throttled, briefly unavailable): the delivery is retried
       * under the target's `RetryPolicy`. Absent or false for a lasting one (the target does not
       * exist, it refuses the input): the event goes straight to the dead-letter queue, as in AWS.
       */
      readonly retryable?: boolean;
    };

export interface SinkOptions {
  /** The ARN of the rule the delivery is for (what a resource policy's `aws:SourceArn` reads). */
  sourceArn?: string;
  /** FIFO queues: the group from the target's `SqsParameters.MessageGroupId`. */
  messageGroupId?: string;
  /** FIFO queues: the event id, so a redelivered event is deduplicated. */
  messageDeduplicationId?: string;
}

/** Hands one message to a target service (`sqs` for queues; more services can register). */
export type TargetSink = (
  targetArn: string,
  body: string,
  options: SinkOptions,
) => DeliveryOutcome | Promise<DeliveryOutcome>;

/** A delivery that did not reach its target (or an event that had nowhere to go). */
export interface DeliveryFailure {
  /** Sandbox-clock time of the failure, ms since the epoch. */
  readonly time: number;
  readonly eventId: string;
  readonly busName: string;
  readonly ruleArn?: string;
  readonly targetId?: string;
  readonly targetArn?: string;
  /** Why: the target service's error code (`AWS.SimpleQueueService.NonExistentQueue`, …). */
  readonly code: string;
  readonly message: string;
  /** The dead-letter queue the event went to instead, when the target has one and it took it. */
  readonly deadLetteredTo?: string;
  /** Deliveries tried: 1, plus the retries made for a transient failure. */
  readonly attempts?: number;
  /** For a transient failure: the `RetryPolicy` limit that ended the retries. */
  readonly retriesExhausted?: RetriesExhausted;
}

interface Job {
  readonly event: EventBridgeEvent;
  readonly rule: { readonly name: string; readonly arn: string; readonly busName: string };
  readonly target: RuleTarget;
  readonly ingestedAt: string;
  /** Sandbox-clock time the event was accepted: a retry policy's event age counts from here. */
  readonly acceptedAt: number;
  /** Deliveries tried so far. */
  readonly attempts: number;
  /** For a retry: the transient failure of the delivery before. */
  readonly lastFailure?: Failed;
}

type Failed = Extract<DeliveryOutcome, { ok: false }>;
type RetryJob = Job & { readonly lastFailure: Failed };

/**
 * Delivers matched events after PutEvents has answered, as EventBridge does, keeping the order of
 * events per target: each target has one lane worked off in order; lanes run independently.
 * A transient failure is retried on the sandbox clock under the target's `RetryPolicy` (outside
 * the lane, so later events do not wait for it); when the retries run out, or for a lasting
 * failure at once, the event goes to the target's dead-letter queue and the failure is recorded.
 */
export class DeliveryDispatcher {
  private readonly lanes = new Map<string, Job[]>();
  /** Scheduled retries, each with the function that cancels its timer. */
  private readonly retries = new Map<RetryJob, () => void>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly recorded: DeliveryFailure[] = [];

  constructor(
    private readonly sinks: Map<string, TargetSink>,
    private readonly clock: SandboxClock,
    private readonly onFailure?: (failure: DeliveryFailure) => void,
    /** Source of the retry backoff's jitter, in [0, 1). */
    private readonly random: () => number = Math.random,
  ) {}

  enqueue(event: EventBridgeEvent, rule: Rule, target: RuleTarget, ingestedAt: string): void {
    this.push({
      event,
      rule: { name: rule.name, arn: rule.arn, busName: rule.busName },
      target,
      ingestedAt,
      acceptedAt: this.clock.now(),
      attempts: 0,
    });
  }

  /**
   * Resolves once every event handed over so far has been delivered or recorded as failed,
   * scheduled retries included: with a target that keeps failing transiently this lasts as long
   * as its retry policy allows on the sandbox clock (use a fast clock or a small `RetryPolicy`).
   */
  drain(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Cancels the scheduled retries, recording each event as failed (nothing is dropped silently),
   * and waits for the deliveries in hand.
   */
  close(): Promise<void> {
    for (const [job, cancel] of [...this.retries]) {
      cancel();
      this.retries.delete(job);
      this.recordFailure(job, {
        ...job.lastFailure,
        message: `${job.lastFailure.message}; the sandbox stopped before retry ${job.attempts}`,
      });
    }
    return this.drain();
  }

  /** Every failure so far, oldest first. */
  failures(): readonly DeliveryFailure[] {
    return this.recorded;
  }

  record(failure: DeliveryFailure): void {
    this.recorded.push(failure);
    this.onFailure?.(failure);
  }

  private push(job: Job): void {
    const key = `${job.rule.arn}\n${job.target.definition.Id}`;
    const lane = this.lanes.get(key);
    if (lane) {
      lane.push(job);
      return;
    }
    this.lanes.set(key, [job]);
    setImmediate(() => void this.work(key));
  }

  private idle(): boolean {
    return this.lanes.size === 0 && this.retries.size === 0;
  }

  private wakeIdleWaiters(): void {
    if (this.idle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async work(key: string): Promise<void> {
    const lane = this.lanes.get(key);
    while (lane && lane.length > 0) {
      await this.deliver(lane[0] as Job);
      lane.shift();
    }
    this.lanes.delete(key);
    this.wakeIdleWaiters();
  }

  private async deliver(queued: Job): Promise<void> {
    const definition = queued.target.definition;
    if (
      queued.lastFailure &&
      tooOldToRetry(definition.RetryPolicy, this.clock.now() - queued.acceptedAt)
    ) {
      // The retry came due after the event's maximum age (a late timer, a long lane): not tried.
      const { lastFailure } = queued;
      const message = `${lastFailure.message}; retry ${queued.attempts} came due after MaximumEventAgeInSeconds`;
      await this.giveUp(queued, { ...lastFailure, message }, 'MaximumEventAgeInSeconds');
      return;
    }
    const job = { ...queued, attempts: queued.attempts + 1 };
    let body: string;
    try {
      body = job.target.input.render(job.event, job.rule, job.ingestedAt);
    } catch (error) {
      // The same event would render the same way on every retry: a lasting failure.
      await this.giveUp(job, { ok: false, code: 'InvalidInput', message: messageOf(error) });
      return;
    }
    const outcome = await this.send(definition.Arn, body, {
      ...sinkOptions(definition, job.event),
      sourceArn: job.rule.arn,
    }).catch(
      // A sink that throws failed unexpectedly; like AWS's internal errors, worth retrying.
      (error: unknown): DeliveryOutcome => ({
        ok: false,
        code: 'InternalFailure',
        message: messageOf(error),
        retryable: true,
      }),
    );
    if (outcome.ok) return;
    if (!outcome.retryable) {
      await this.giveUp(job, outcome);
      return;
    }
    const decision = decideRetry(
      definition.RetryPolicy,
      job.attempts - 1,
      this.clock.now() - job.acceptedAt,
      this.random,
    );
    if (!decision.retry) {
      await this.giveUp(job, outcome, decision.exhausted);
      return;
    }
    const retry: RetryJob = { ...job, lastFailure: outcome };
    const cancel = this.clock.schedule(() => {
      if (!this.retries.delete(retry)) return;
      this.push(retry);
    }, decision.delayMs);
    this.retries.set(retry, cancel);
  }

  /** The event goes to the target's dead-letter queue, if it has one, and the failure is kept. */
  private async giveUp(job: Job, outcome: Failed, retriesExhausted?: RetriesExhausted) {
    const deadLetterArn = job.target.definition.DeadLetterConfig?.Arn;
    let deadLetteredTo: string | undefined;
    let message = outcome.message;
    if (deadLetterArn) {
      // The dead-letter queue gets the original event, whatever input shaping the target has.
      const parked = await this.send(deadLetterArn, JSON.stringify(job.event), {
        sourceArn: job.rule.arn,
      }).catch(
        (error: unknown): DeliveryOutcome => ({
          ok: false,
          code: 'InternalFailure',
          message: messageOf(error),
        }),
      );
      if (parked.ok) deadLetteredTo = deadLetterArn;
      else message += `; the dead-letter queue ${deadLetterArn} refused it too: ${parked.message}`;
    }
    this.recordFailure(job, { ...outcome, message }, retriesExhausted, deadLetteredTo);
  }

  private recordFailure(
    job: Job,
    outcome: Failed,
    retriesExhausted?: RetriesExhausted,
    deadLetteredTo?: string,
  ): void {
    const definition = job.target.definition;
    this.record({
      time: this.clock.now(),
      eventId: job.event.id,
      busName: job.rule.busName,
      ruleArn: job.rule.arn,
      targetId: definition.Id,
      targetArn: definition.Arn,
      code: outcome.code,
      message: outcome.message,
      attempts: job.attempts,
      ...(retriesExhausted && { retriesExhausted }),
      ...(deadLetteredTo && { deadLetteredTo }),
    });
  }

  private async send(arn: string, body: string, options: SinkOptions): Promise<DeliveryOutcome> {
    const service = arnService(arn);
    const sink = service === undefined ? undefined : this.sinks.get(service);
    if (!sink) {
      return {
        ok: false,
        code: 'UnsupportedTarget',
        message: `the sandbox cannot deliver to ${arn}: no ${service ?? 'unknown'} service is attached`,
      };
    }
    return sink(arn, body, options);
  }
}

function sinkOptions(target: RuleTarget['definition'], event: EventBridgeEvent): SinkOptions {
  if (!target.Arn.endsWith('.fifo')) return {};
  const groupId = target.SqsParameters?.MessageGroupId;
  return {
    ...(groupId !== undefined && { messageGroupId: groupId }),
    messageDeduplicationId: event.id,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
