/**
 * Names of the resource-discovery variables every function gets and the runtime packages read
 * (`@davinci/orm` resolves `DAVINCI_TABLE_<NAME>`, `@davinci/event-bus` the bus and the source).
 */
export const DiscoveryVariables = {
  appName: 'DAVINCI_APP_NAME',
  deploymentId: 'DAVINCI_DEPLOYMENT_ID',
  eventBusName: 'DAVINCI_EVENT_BUS_NAME',
  eventSource: 'DAVINCI_EVENT_SOURCE',
} as const;

/** Logical name of the event bus; its physical name follows the usual convention. */
export const EVENT_BUS_LOGICAL_NAME = 'event-bus';
