export {
  type DiscoveryEnvironment,
  discoverEventBusName,
  type EventBusDiscovery,
  resolveEventSource,
  resolveTableName,
} from './resolve.js';
export {
  DiscoveryVariables,
  EVENT_BUS_LOGICAL_NAME,
  physicalName,
  tableEnvVar,
} from './variables.js';
