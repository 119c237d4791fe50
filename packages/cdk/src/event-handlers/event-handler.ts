import type { EventPattern } from '@davinci/event-bus';
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InvalidOptionError } from '../errors.js';
import type { ApplicationEventBus } from '../event-bus/application-event-bus.js';
import { DavinciFunction, type DavinciFunctionProps } from '../functions/davinci-function.js';
import { acknowledgeRule } from '../nag/acknowledge.js';
import type { AddEventHandlerOptions } from './event-handler-options.js';
import { subscriptionPattern, toCdkEventPattern } from './subscription.js';

/** Props of {@link EventHandler}. */
export interface EventHandlerProps
  extends DavinciFunctionProps,
    Omit<AddEventHandlerOptions, 'tables' | 'name'> {
  /** The bus the handler's rule listens on. */
  readonly eventBus: ApplicationEventBus;
  /**
   * Where the dead-letter queue's alarm notifies.
   * @default the alarm has no action
   */
  readonly alarmTopic?: ITopic;
}

/**
 * AWS's advice for SQS event sources: a visibility timeout of at least 6× the function timeout
 * plus the batching window (at most 6 × 900 + 300 s, well under SQS's 12-hour limit).
 */
const VISIBILITY_TIMEOUT_FACTOR = 6;
/** SQS's own default retention, set explicitly so the dead-letter queue can be checked against it. */
const DEFAULT_QUEUE_RETENTION = Duration.days(4);
const DEFAULT_DEAD_LETTER_RETENTION = Duration.days(14);
const MIN_RETENTION_SECONDS = 60;
const MAX_RETENTION_SECONDS = 1_209_600;
const RULE_NAME_LIMIT = 64;

/**
 * One event handler: rule → encrypted queue (→ dead-letter queue) → function, with an alarm on the
 * dead-letter queue's depth. The queue accepts messages from this rule only.
 */
export class EventHandler extends Construct {
  /** The EventBridge pattern the rule matches. */
  readonly eventPattern: EventPattern;
  /** The rule on the application's bus. */
  readonly rule: Rule;
  /** The queue between the rule and the function. */
  readonly queue: Queue;
  /** Where unprocessable and undeliverable events end up (absent when `deadLetterQueue: false`). */
  readonly deadLetterQueue?: Queue;
  /** Fires when the dead-letter queue holds any message (absent without a dead-letter queue). */
  readonly deadLetterAlarm?: Alarm;
  /** The function and its role, log group and grants. */
  readonly handlerFunction: DavinciFunction;

  constructor(scope: Construct, id: string, props: EventHandlerProps) {
    super(scope, id);
    const field = `addEventHandler(${props.name})`;
    const { eventPattern, ...sizing } = checkEventHandlerOptions(field, props);
    this.eventPattern = eventPattern;

    this.handlerFunction = new DavinciFunction(this, 'Handler', props);
    const baseName = this.handlerFunction.functionName;
    const visibilityTimeout = Duration.seconds(
      VISIBILITY_TIMEOUT_FACTOR * this.handlerFunction.timeout.toSeconds() +
        (props.maxBatchingWindow?.toSeconds() ?? 0),
    );

    if (props.deadLetterQueue ?? true) {
      this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
        queueName: `${baseName}-dlq`,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: props.deadLetterRetention ?? DEFAULT_DEAD_LETTER_RETENTION,
      });
      this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
        alarmName: `${baseName}-dlq-not-empty`,
        alarmDescription: `Events that ${baseName} could not handle or that could not be delivered to it are waiting in ${baseName}-dlq`,
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (props.alarmTopic) this.deadLetterAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
    }

    this.queue = new Queue(this, 'Queue', {
      queueName: `${baseName}-queue`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout,
      retentionPeriod: props.queueRetention ?? DEFAULT_QUEUE_RETENTION,
      deadLetterQueue: this.deadLetterQueue
        ? { queue: this.deadLetterQueue, maxReceiveCount: sizing.maxReceiveCount }
        : undefined,
    });
    if (!this.deadLetterQueue) {
      acknowledgeRule(
        this.queue,
        'AwsSolutions-SQS3',
        'The handler was declared with deadLetterQueue: false; failed messages return to the queue until they expire.',
      );
    }

    const ruleName = `${baseName}-rule`;
    this.rule = new Rule(this, 'Rule', {
      eventBus: props.eventBus.eventBus,
      ruleName: ruleName.length <= RULE_NAME_LIMIT ? ruleName : undefined,
      description: `Delivers matching events to ${baseName}`,
      eventPattern: toCdkEventPattern(this.eventPattern),
    });
    // The target grants sqs:SendMessage to events.amazonaws.com only for this rule (aws:SourceArn).
    this.rule.addTarget(new SqsQueue(this.queue, { deadLetterQueue: this.deadLetterQueue }));

    this.handlerFunction.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: sizing.batchSize,
        maxBatchingWindow: props.maxBatchingWindow,
        maxConcurrency: props.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
  }
}

/**
 * Checks the subscription and the event-source options before any construct exists, and returns
 * the pattern and the settled sizes. Exported so the Application can run it first.
 */
export function checkEventHandlerOptions(
  field: string,
  props: AddEventHandlerOptions,
): { eventPattern: EventPattern; batchSize: number; maxReceiveCount: number } {
  const eventPattern = subscriptionPattern(field, props);
  const window = props.maxBatchingWindow?.toSeconds({ integral: false });
  if (window !== undefined && (!Number.isInteger(window) || window < 0 || window > 300)) {
    throw new InvalidOptionError(
      `${field}.maxBatchingWindow`,
      'must be a whole number of seconds from 0 to 300',
    );
  }
  const batchSize = props.batchSize ?? 10;
  const maxBatch = window ? 10_000 : 10;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > maxBatch) {
    throw new InvalidOptionError(
      `${field}.batchSize`,
      `must be a whole number from 1 to ${maxBatch}${window ? '' : ' (up to 10000 with a maxBatchingWindow)'}`,
      `got ${batchSize}`,
    );
  }
  const { maxConcurrency } = props;
  if (
    maxConcurrency !== undefined &&
    (!Number.isInteger(maxConcurrency) || maxConcurrency < 2 || maxConcurrency > 1000)
  ) {
    throw new InvalidOptionError(
      `${field}.maxConcurrency`,
      'must be a whole number from 2 to 1000',
      `got ${maxConcurrency}`,
    );
  }
  const maxReceiveCount = props.maxReceiveCount ?? 3;
  if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < 1 || maxReceiveCount > 1000) {
    throw new InvalidOptionError(
      `${field}.maxReceiveCount`,
      'must be a whole number from 1 to 1000',
      `got ${maxReceiveCount}`,
    );
  }
  const queueRetention =
    checkRetention(`${field}.queueRetention`, props.queueRetention) ??
    DEFAULT_QUEUE_RETENTION.toSeconds();
  const deadLetterRetention =
    checkRetention(`${field}.deadLetterRetention`, props.deadLetterRetention) ??
    DEFAULT_DEAD_LETTER_RETENTION.toSeconds();
  // A dead-letter queue keeps each message's original enqueue time: with a shorter retention than
  // the queue's, messages that waited there long enough would expire the moment they are moved.
  if ((props.deadLetterQueue ?? true) && deadLetterRetention < queueRetention) {
    throw new InvalidOptionError(
      `${field}.deadLetterRetention`,
      "must be at least the queue's retention (queueRetention, default 4 days)",
      `got ${deadLetterRetention} s for a queue retention of ${queueRetention} s`,
    );
  }
  return { eventPattern, batchSize, maxReceiveCount };
}

/** Whole seconds from 1 minute to 14 days (SQS's bounds); returns the seconds when given. */
function checkRetention(field: string, retention: Duration | undefined): number | undefined {
  const seconds = retention?.toSeconds({ integral: false });
  if (
    seconds !== undefined &&
    (!Number.isInteger(seconds) ||
      seconds < MIN_RETENTION_SECONDS ||
      seconds > MAX_RETENTION_SECONDS)
  ) {
    throw new InvalidOptionError(field, 'must be whole seconds from 1 minute to 14 days');
  }
  return seconds;
}
