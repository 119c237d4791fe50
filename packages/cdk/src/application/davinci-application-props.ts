import type { Environment } from 'aws-cdk-lib';
import type { Runtime } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { EventBusOptions } from '../event-bus/event-bus-options.js';

/** Props of {@link DavinciApplication}: what the application holds and how it is named. */
export interface DavinciApplicationProps {
  /** Name of the application; first part of every physical name (letters, digits, `-`, `_`). */
  readonly appName: string;
  /** Which deployment this is (`dev`, `prod`, `pr-42`); second part of every physical name. */
  readonly deploymentId: string;
  /**
   * Create the application's custom EventBridge bus (with a replay archive). Needed by
   * `addEventHandler()` and by functions that publish.
   * @default false
   */
  readonly enableEventBus?: boolean;
  /**
   * Choices for the event bus and its archive.
   * @default archive kept for 30 days
   */
  readonly eventBus?: EventBusOptions;
  /**
   * Whether the deployment is short-lived (a preview, a test run): tables and log groups are then
   * destroyed with the stack instead of retained.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Put tables and the bus in one stack (`{appName}-{deploymentId}-data`) and functions with their
   * queues and rules in another (`{appName}-{deploymentId}-handlers`), so that handlers can be
   * redeployed or torn down without touching stored data. Only when the application makes its own
   * stacks (its scope is an App or a Stage, not inside a Stack).
   * @default false — one stack named `{appName}-{deploymentId}`
   */
  readonly separateStacks?: boolean;
  /**
   * Target account and region of the stacks. Only when the application makes its own stacks; inside
   * a Stack, that stack's environment applies.
   * @default environment-agnostic stacks
   */
  readonly env?: Environment;
  /**
   * Value of `DAVINCI_EVENT_SOURCE`, the `Source` of events the application publishes.
   * @default appName
   */
  readonly eventSource?: string;
  /**
   * How long function log groups keep events.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Lambda runtime of every function.
   * @default Runtime.NODEJS_22_X
   */
  readonly runtime?: Runtime;
  /**
   * ARN of an existing SNS topic every dead-letter queue alarm should notify instead (an on-call
   * or incident topic); its policy and key must let CloudWatch publish.
   * @default one topic per application, `{appName}-{deploymentId}-alarms` (encrypted with a key of
   * its own, TLS only), created with the first dead-letter queue; subscribe to it through its ARN,
   * the `AlarmTopicArn` output
   */
  readonly alarmTopicArn?: string;
  /**
   * Tags for every resource, in addition to `davinci:app` and `davinci:deployment`.
   * @default none
   */
  readonly tags?: Readonly<Record<string, string>>;
}
