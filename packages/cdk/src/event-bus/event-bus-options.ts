import type { Duration } from 'aws-cdk-lib';

/** Choices for the application's event bus. */
export interface EventBusOptions {
  /**
   * Archive every event published to the bus, so that events can be replayed later.
   * @default true
   */
  readonly archive?: boolean;
  /**
   * How long archived events are kept (whole days). `Duration.days(0)` keeps them indefinitely.
   * @default Duration.days(30)
   */
  readonly archiveRetention?: Duration;
}
