import { arnService } from '../models/arns.js';
import type { EventBridgeEvent } from '../models/event.js';
import type { Rule, RuleTarget } from '../models/rule.js';

/** The answer of a target's service: the SQS service's `deliver` has exactly this shape. */
export type DeliveryOutcome =
  | { readonly ok: true; readonly messageId?: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

export interface SinkOptions {
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
}

interface Job {
  readonly event: EventBridgeEvent;
  readonly rule: { readonly name: string; readonly arn: string; readonly busName: string };
  readonly target: RuleTarget;
  readonly ingestedAt: string;
}

/**
 * Delivers matched events after PutEvents has answered, as EventBridge does, keeping the order of
 * events per target: each target has one lane worked off in order; lanes run independently.
 */
export class DeliveryDispatcher {
  private readonly lanes = new Map<string, Job[]>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly recorded: DeliveryFailure[] = [];

  constructor(
    private readonly sinks: Map<string, TargetSink>,
    private readonly now: () => number,
    private readonly onFailure?: (failure: DeliveryFailure) => void,
  ) {}

  enqueue(event: EventBridgeEvent, rule: Rule, target: RuleTarget, ingestedAt: string): void {
    const key = `${rule.arn}\n${target.definition.Id}`;
    const job: Job = {
      event,
      rule: { name: rule.name, arn: rule.arn, busName: rule.busName },
      target,
      ingestedAt,
    };
    const lane = this.lanes.get(key);
    if (lane) {
      lane.push(job);
      return;
    }
    this.lanes.set(key, [job]);
    setImmediate(() => void this.work(key));
  }

  /** Resolves once every event handed over so far has been delivered or recorded as failed. */
  drain(): Promise<void> {
    if (this.lanes.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Every failure so far, oldest first. */
  failures(): readonly DeliveryFailure[] {
    return this.recorded;
  }

  record(failure: DeliveryFailure): void {
    this.recorded.push(failure);
    this.onFailure?.(failure);
  }

  private async work(key: string): Promise<void> {
    const lane = this.lanes.get(key);
    while (lane && lane.length > 0) {
      await this.deliver(lane[0] as Job);
      lane.shift();
    }
    this.lanes.delete(key);
    if (this.lanes.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async deliver(job: Job): Promise<void> {
    const definition = job.target.definition;
    let outcome: DeliveryOutcome;
    try {
      const body = job.target.input.render(job.event, job.rule, job.ingestedAt);
      outcome = await this.send(definition.Arn, body, sinkOptions(definition, job.event));
    } catch (error) {
      outcome = { ok: false, code: 'InternalFailure', message: messageOf(error) };
    }
    if (outcome.ok) return;
    const deadLetterArn = definition.DeadLetterConfig?.Arn;
    let deadLetteredTo: string | undefined;
    let message = outcome.message;
    if (deadLetterArn) {
      // The dead-letter queue gets the original event, whatever input shaping the target has.
      const parked = await this.send(deadLetterArn, JSON.stringify(job.event), {}).catch(
        (error: unknown): DeliveryOutcome => ({
          ok: false,
          code: 'InternalFailure',
          message: messageOf(error),
        }),
      );
      if (parked.ok) deadLetteredTo = deadLetterArn;
      else message += `; the dead-letter queue ${deadLetterArn} refused it too: ${parked.message}`;
    }
    this.record({
      time: this.now(),
      eventId: job.event.id,
      busName: job.rule.busName,
      ruleArn: job.rule.arn,
      targetId: definition.Id,
      targetArn: definition.Arn,
      code: outcome.code,
      message,
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
