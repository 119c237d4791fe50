import { App, type Stack } from 'aws-cdk-lib';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { ApplicationEventBus } from '../event-bus/application-event-bus.js';
import type { EventHandler } from '../event-handlers/event-handler.js';
import type { AddEventHandlerOptions } from '../event-handlers/event-handler-options.js';
import type { DavinciFunction } from '../functions/davinci-function.js';
import type { AddFunctionOptions } from '../functions/function-options.js';
import type { DavinciTable } from '../tables/davinci-table.js';
import type { TableDefinitionLike } from '../tables/table-definition.js';
import type { AddTableOptions } from '../tables/table-options.js';
import type { ApplicationProps } from './application-props.js';
import { DavinciApplication } from './davinci-application.js';

/**
 * A Da Vinci application as a whole CDK `App`: the tables, the event bus and the functions of one
 * deployment, all named `{appName}-{deploymentId}-{logicalName}`. To add them to an existing App
 * or Stack instead, use {@link DavinciApplication}.
 *
 * ```ts
 * const app = new Application({ appName: 'user-system', deploymentId: 'dev', enableEventBus: true });
 * app.addTable(UserTable);
 * app.addEventHandler({ declaration: handleUserCreated, entry: 'src/handlers.ts' });
 * app.synth();
 * ```
 */
export class Application extends App {
  /** The construct that holds the application's stacks; the methods below are its own. */
  readonly application: DavinciApplication;

  constructor(props: ApplicationProps) {
    const { outdir, context, builtinCloudFormationValidation, ...applicationProps } = props;
    super({
      outdir,
      context: context ? { ...context } : undefined,
      builtinCloudFormationValidation,
    });
    this.application = new DavinciApplication(this, 'Application', applicationProps);
  }

  /** The application name. */
  get appName(): string {
    return this.application.appName;
  }

  /** The deployment id. */
  get deploymentId(): string {
    return this.application.deploymentId;
  }

  /** Whether tables and log groups are destroyed with the stack. */
  get ephemeral(): boolean {
    return this.application.ephemeral;
  }

  /** Stack of tables and the bus (the only stack unless `separateStacks`). */
  get dataStack(): Stack {
    return this.application.dataStack;
  }

  /** Stack of functions, queues and rules (the only stack unless `separateStacks`). */
  get handlersStack(): Stack {
    return this.application.handlersStack;
  }

  /** The event bus, when `enableEventBus`. */
  get eventBus(): ApplicationEventBus | undefined {
    return this.application.eventBus;
  }

  /** The stack when the application has one; with `separateStacks`, the handlers stack. */
  get stack(): Stack {
    return this.application.stack;
  }

  /** Every stack of the application. */
  get stacks(): Stack[] {
    return this.application.stacks;
  }

  /** The topic dead-letter queue alarms notify, once a handler with a dead-letter queue exists. */
  get alarmTopic(): ITopic | undefined {
    return this.application.alarmTopic;
  }

  /** Tables added so far, by logical name. */
  get tables(): ReadonlyMap<string, DavinciTable> {
    return this.application.tables;
  }

  /** Event handlers added so far, by logical name. */
  get eventHandlers(): ReadonlyMap<string, EventHandler> {
    return this.application.eventHandlers;
  }

  /** All functions (plain and event handlers), by logical name. */
  get functions(): ReadonlyMap<string, DavinciFunction> {
    return this.application.functions;
  }

  /** Adds a DynamoDB table built from an `@davinci/orm` definition. */
  addTable(definition: TableDefinitionLike, options: AddTableOptions = {}): DavinciTable {
    return this.application.addTable(definition, options);
  }

  /**
   * Adds a function that handles events from the bus: rule → queue (→ dead-letter queue) →
   * function. It may use the tables it names, and the idempotency table when `idempotency` is set.
   */
  addEventHandler(options: AddEventHandlerOptions): EventHandler {
    return this.application.addEventHandler(options);
  }

  /** Adds a plain function (an API, a job) that may use the tables it names and publish events. */
  addFunction(options: AddFunctionOptions): DavinciFunction {
    return this.application.addFunction(options);
  }
}
