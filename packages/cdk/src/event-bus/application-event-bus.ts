import { EVENT_BUS_LOGICAL_NAME, physicalName } from '@davinci/orm/discovery';
import { Duration, Stack } from 'aws-cdk-lib';
import { Archive, EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { InvalidOptionError } from '../errors.js';
import { assertMaxLength } from '../naming/index.js';
import type { EventBusOptions } from './event-bus-options.js';

/** Props of {@link ApplicationEventBus}. */
export interface ApplicationEventBusProps extends EventBusOptions {
  /** Application name, first part of the physical name. */
  readonly appName: string;
  /** Deployment id, second part of the physical name. */
  readonly deploymentId: string;
}

/** Archive names are limited to 48 characters; longer ones are left to CloudFormation. */
const ARCHIVE_NAME_LIMIT = 48;

/** The custom EventBridge bus of one application deployment, with its replay archive. */
export class ApplicationEventBus extends Construct {
  /** `{appName}-{deploymentId}-event-bus`. */
  readonly eventBusName: string;
  /** The bus handlers subscribe to and publishers write to. */
  readonly eventBus: EventBus;
  /** The archive that keeps published events for replay (absent when `archive: false`). */
  readonly archive?: Archive;

  constructor(scope: Construct, id: string, props: ApplicationEventBusProps) {
    super(scope, id);
    this.eventBusName = physicalName(props.appName, props.deploymentId, EVENT_BUS_LOGICAL_NAME);
    assertMaxLength('eventBus', this.eventBusName, 256);
    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: this.eventBusName });

    if (props.archive ?? true) {
      const retention = props.archiveRetention ?? Duration.days(30);
      if (!Number.isInteger(retention.toDays({ integral: false })) || retention.toDays() < 0) {
        throw new InvalidOptionError(
          'eventBus.archiveRetention',
          'must be a whole number of days (0 keeps events indefinitely)',
        );
      }
      const archiveName = physicalName(props.appName, props.deploymentId, 'archive');
      this.archive = new Archive(this, 'Archive', {
        sourceEventBus: this.eventBus,
        archiveName: archiveName.length <= ARCHIVE_NAME_LIMIT ? archiveName : undefined,
        description: `Every event published to ${this.eventBusName}, kept for replay`,
        // Matching on the account catches every event that reaches the bus.
        eventPattern: { account: [Stack.of(this).account] },
        retention,
      });
    }
  }
}
