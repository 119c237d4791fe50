export { AlarmTopic, type AlarmTopicProps } from './alarms/alarm-topic.js';
export { Application } from './application/application.js';
export type { ApplicationProps } from './application/application-props.js';
export { DavinciApplication } from './application/davinci-application.js';
export type { DavinciApplicationProps } from './application/davinci-application-props.js';
export {
  type CdkErrorCode,
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
export type { AddEventHandlerOptions } from './event-handlers/event-handler-options.js';
export {
  DavinciFunction,
  type DavinciFunctionProps,
  type TableGrant,
} from './functions/davinci-function.js';
export type { AddFunctionOptions } from './functions/function-options.js';
export { DavinciTable, type DavinciTableProps } from './tables/davinci-table.js';
export { tableActions } from './tables/table-access.js';
export type { TableDefinitionLike } from './tables/table-definition.js';
export type { AddTableOptions } from './tables/table-options.js';
