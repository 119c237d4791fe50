export { AlarmTopic, type AlarmTopicProps } from './alarms/alarm-topic.js';
export { Application } from './application/application.js';
export type { ApplicationProps } from './application/application-props.js';
export {
  DavinciCdkError,
  DuplicateNameError,
  EventBusDisabledError,
  InvalidOptionError,
  UnknownTableError,
} from './errors.js';
export {
  ApplicationEventBus,
  type ApplicationEventBusProps,
} from './event-bus/application-event-bus.js';
export type { EventBusOptions } from './event-bus/event-bus-options.js';
export { EventHandler, type EventHandlerProps } from './event-handlers/event-handler.js';
export type { EventHandlerOptions } from './event-handlers/event-handler-options.js';
export {
  DavinciFunction,
  type DavinciFunctionProps,
  type TableGrant,
} from './functions/davinci-function.js';
export type { FunctionOptions } from './functions/function-options.js';
export { DiscoveryVariables, EVENT_BUS_LOGICAL_NAME } from './naming/environment.js';
export { DavinciTable, type DavinciTableProps } from './tables/davinci-table.js';
export { type TableAccess, tableActions } from './tables/table-access.js';
export type { TableDefinitionLike } from './tables/table-definition.js';
export type { TableOptions } from './tables/table-options.js';
