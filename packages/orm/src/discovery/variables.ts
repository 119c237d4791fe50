/**
 * The names of resource discovery, defined once: `@davinci/cdk` sets these variables on every
 * function, and the runtime packages read them. Runtime code never hard-codes a physical name.
 */

/** The environment variables every deployed function gets. */
export const DiscoveryVariables = {
  /** The application's name, the first part of every physical name. */
  appName: 'DAVINCI_APP_NAME',
  /** The deployment (stage) id, the second part of every physical name. */
  deploymentId: 'DAVINCI_DEPLOYMENT_ID',
  /** The physical name of the application's event bus. */
  eventBusName: 'DAVINCI_EVENT_BUS_NAME',
  /** The `Source` of the events a function publishes. */
  eventSource: 'DAVINCI_EVENT_SOURCE',
  /** Prefix of the per-table variables; see {@link tableEnvVar}. */
  tablePrefix: 'DAVINCI_TABLE_',
} as const;

/** Logical name of the application's event bus; its physical name follows the convention. */
export const EVENT_BUS_LOGICAL_NAME = 'event-bus';

/** `${appName}-${deploymentId}-${logicalName}`, the physical name of every deployed resource. */
export function physicalName(appName: string, deploymentId: string, logicalName: string): string {
  return `${appName}-${deploymentId}-${logicalName}`;
}

/** The variable carrying a table's physical name: `users` → `DAVINCI_TABLE_USERS`. */
export function tableEnvVar(logicalName: string): string {
  return `${DiscoveryVariables.tablePrefix}${logicalName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
