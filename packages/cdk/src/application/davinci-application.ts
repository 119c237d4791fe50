import { IdempotencyTable } from '@davinci/event-bus';
import { physicalName } from '@davinci/orm/discovery';
import { CfnOutput, Stack, Tags, Token } from 'aws-cdk-lib';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlarmTopic } from '../alarms/alarm-topic.js';
import {
  DuplicateNameError,
  EventBusDisabledError,
  InvalidOptionError,
  UnknownTableError,
} from '../errors.js';
import { ApplicationEventBus } from '../event-bus/application-event-bus.js';
import { checkEventHandlerOptions, EventHandler } from '../event-handlers/event-handler.js';
import type { AddEventHandlerOptions } from '../event-handlers/event-handler-options.js';
import {
  checkFunctionOptions,
  DavinciFunction,
  type TableGrant,
} from '../functions/davinci-function.js';
import type { AddFunctionOptions } from '../functions/function-options.js';
import { assertNameSegment, toKebabCase, toPascalCase, toStackName } from '../naming/index.js';
import { checkTableSchema, DavinciTable } from '../tables/davinci-table.js';
import type { TableAccess } from '../tables/table-access.js';
import type { TableDefinitionLike } from '../tables/table-definition.js';
import type { AddTableOptions } from '../tables/table-options.js';
import type { DavinciApplicationProps } from './davinci-application-props.js';

const TABLE_ACCESS: readonly TableAccess[] = ['read', 'readWrite'];

/**
 * A Da Vinci application as a construct, for an existing CDK app: the tables, the event bus and the
 * functions of one deployment, all named `{appName}-{deploymentId}-{logicalName}`.
 *
 * - In an `App` or a `Stage` it adds its own stacks there, beside the others: one named
 *   `{appName}-{deploymentId}`, or `…-data` and `…-handlers` with `separateStacks`.
 * - Inside a `Stack` it adds its resources to that stack, under this construct.
 *
 * ```ts
 * class UsersStack extends Stack {
 *   constructor(scope: Construct, id: string) {
 *     super(scope, id);
 *     const users = new DavinciApplication(this, 'Users', { appName: 'user-system', deploymentId: 'dev', enableEventBus: true });
 *     users.addTable(UserTable);
 *     users.addEventHandler({ declaration: handleUserCreated, entry: 'src/handlers.ts' });
 *   }
 * }
 * ```
 *
 * {@link Application} is the same thing as a whole CDK `App`.
 */
export class DavinciApplication extends Construct {
  /** The application name. */
  readonly appName: string;
  /** The deployment id. */
  readonly deploymentId: string;
  /** Whether tables and log groups are destroyed with the stack. */
  readonly ephemeral: boolean;
  /** Stack of tables and the bus (the only stack unless `separateStacks`; inside a Stack, that one). */
  readonly dataStack: Stack;
  /** Stack of functions, queues and rules (the only stack unless `separateStacks`; inside a Stack, that one). */
  readonly handlersStack: Stack;
  /** The event bus, when `enableEventBus`. */
  readonly eventBus?: ApplicationEventBus;

  private readonly props: DavinciApplicationProps;
  /** Where tables and the bus are created: the data stack, or this construct inside a Stack. */
  private readonly dataScope: Construct;
  /** Where functions, queues and rules are created: the handlers stack, or this construct. */
  private readonly handlersScope: Construct;
  private alarmTopicInUse?: ITopic;
  private readonly tableByName = new Map<string, DavinciTable>();
  private readonly functionByName = new Map<string, DavinciFunction>();
  private readonly handlerByName = new Map<string, EventHandler>();

  constructor(scope: Construct, id: string, props: DavinciApplicationProps) {
    assertNameSegment('appName', props.appName);
    assertNameSegment('deploymentId', props.deploymentId);
    assertTopicArn('alarmTopicArn', props.alarmTopicArn);
    const enclosingStack = stackAround(scope);
    if (enclosingStack) assertOwnStackOptions(props, enclosingStack);
    super(scope, id);
    this.props = props;
    this.appName = props.appName;
    this.deploymentId = props.deploymentId;
    this.ephemeral = props.ephemeral ?? false;

    if (enclosingStack) {
      this.dataStack = enclosingStack;
      this.handlersStack = enclosingStack;
      this.dataScope = this;
      this.handlersScope = this;
    } else {
      // The stacks go beside this construct, so that their artifact ids (and `cdk deploy` names)
      // are the stack names, as for a stack the user creates in the App.
      const baseName = toStackName(`${props.appName}-${props.deploymentId}`);
      if (props.separateStacks) {
        this.dataStack = this.createStack(scope, `${baseName}-data`, 'tables and event bus');
        this.handlersStack = this.createStack(
          scope,
          `${baseName}-handlers`,
          'functions, queues and rules',
        );
      } else {
        this.dataStack = this.createStack(scope, baseName, 'tables, event bus and handlers');
        this.handlersStack = this.dataStack;
      }
      this.dataScope = this.dataStack;
      this.handlersScope = this.handlersStack;
    }
    for (const target of enclosingStack ? [this] : this.stacks) {
      Tags.of(target).add('davinci:app', props.appName);
      Tags.of(target).add('davinci:deployment', props.deploymentId);
      for (const [key, value] of Object.entries(props.tags ?? {})) Tags.of(target).add(key, value);
    }

    if (props.enableEventBus) {
      this.eventBus = new ApplicationEventBus(this.dataScope, 'EventBus', {
        appName: props.appName,
        deploymentId: props.deploymentId,
        ...props.eventBus,
      });
      new CfnOutput(this.dataScope, 'EventBusName', {
        value: this.eventBus.eventBus.eventBusName,
        description: 'Name of the application event bus',
      });
      new CfnOutput(this.dataScope, 'EventBusArn', {
        value: this.eventBus.eventBus.eventBusArn,
        description: 'ARN of the application event bus',
      });
      if (this.eventBus.archive) {
        new CfnOutput(this.dataScope, 'EventArchiveArn', {
          value: this.eventBus.archive.archiveArn,
          description: 'ARN of the archive to replay events from',
        });
      }
    }
  }

  /** The stack when the application has one; with `separateStacks`, the handlers stack. */
  get stack(): Stack {
    return this.handlersStack;
  }

  /** Every stack of the application. */
  get stacks(): Stack[] {
    return this.dataStack === this.handlersStack
      ? [this.dataStack]
      : [this.dataStack, this.handlersStack];
  }

  /**
   * The topic dead-letter queue alarms notify (the application's own, or the one `alarmTopicArn`
   * names), once a handler with a dead-letter queue exists; until then, undefined.
   */
  get alarmTopic(): ITopic | undefined {
    return this.alarmTopicInUse;
  }

  /** Tables added so far, by logical name. */
  get tables(): ReadonlyMap<string, DavinciTable> {
    return this.tableByName;
  }

  /** Event handlers added so far, by logical name. */
  get eventHandlers(): ReadonlyMap<string, EventHandler> {
    return this.handlerByName;
  }

  /** All functions (plain and event handlers), by logical name. */
  get functions(): ReadonlyMap<string, DavinciFunction> {
    return this.functionByName;
  }

  /** Adds a DynamoDB table built from an `@davinci/orm` definition. */
  addTable(definition: TableDefinitionLike, options: AddTableOptions = {}): DavinciTable {
    const logicalName = definition.name;
    assertNameSegment('addTable.name', logicalName);
    if (this.tableByName.has(logicalName)) throw new DuplicateNameError('table', logicalName);
    checkTableSchema(definition);
    const table = new DavinciTable(this.dataScope, `${toPascalCase(logicalName)}Table`, {
      ...options,
      definition,
      appName: this.appName,
      deploymentId: this.deploymentId,
      ephemeral: this.ephemeral,
    });
    this.tableByName.set(logicalName, table);
    new CfnOutput(this.dataScope, `${toPascalCase(logicalName)}TableName`, {
      value: table.table.tableName,
      description: `Physical name of the '${logicalName}' table`,
    });
    return table;
  }

  /**
   * Adds a function that handles events from the bus: rule → queue (→ dead-letter queue) →
   * function. It may use the tables it names, and the idempotency table when `idempotency` is set.
   */
  addEventHandler(declaredOrOptions: AddEventHandlerOptions): EventHandler {
    const options = withDeclaration(declaredOrOptions);
    const name = this.functionNameFor('addEventHandler', options);
    const field = `addEventHandler(${name})`;
    if (!this.eventBus) throw new EventBusDisabledError(field);
    const tableGrants = this.resolveTableGrants(field, options.tables);
    checkFunctionOptions(`function(${name})`, this.physicalNameOf(name), options);
    checkEventHandlerOptions(field, options);

    const grants = options.idempotency ? this.withIdempotencyTable(tableGrants) : tableGrants;
    const withDeadLetterQueue = options.deadLetterQueue ?? true;
    const handler = new EventHandler(this.handlersScope, toPascalCase(name), {
      ...this.functionDefaults(),
      ...options,
      logRetention: options.logRetention ?? this.props.logRetention,
      name,
      tableGrants: grants,
      eventBus: this.eventBus,
      alarmTopic: withDeadLetterQueue ? this.resolveAlarmTopic() : undefined,
    });
    this.handlerByName.set(name, handler);
    this.functionByName.set(name, handler.handlerFunction);

    const id = toPascalCase(name);
    new CfnOutput(this.handlersScope, `${id}QueueUrl`, {
      value: handler.queue.queueUrl,
      description: `Queue of the '${name}' event handler`,
    });
    if (handler.deadLetterQueue) {
      new CfnOutput(this.handlersScope, `${id}DeadLetterQueueUrl`, {
        value: handler.deadLetterQueue.queueUrl,
        description: `Dead-letter queue of the '${name}' event handler`,
      });
    }
    return handler;
  }

  /** Adds a plain function (an API, a job) that may use the tables it names and publish events. */
  addFunction(options: AddFunctionOptions): DavinciFunction {
    const name = this.functionNameFor('addFunction', options);
    const field = `addFunction(${name})`;
    if (options.publishes && !this.eventBus) throw new EventBusDisabledError(`${field}.publishes`);
    const tableGrants = this.resolveTableGrants(field, options.tables);
    checkFunctionOptions(`function(${name})`, this.physicalNameOf(name), options);
    const fn = new DavinciFunction(this.handlersScope, toPascalCase(name), {
      ...this.functionDefaults(),
      ...options,
      logRetention: options.logRetention ?? this.props.logRetention,
      name,
      tableGrants,
      eventBus: this.eventBus,
    });
    this.functionByName.set(name, fn);
    new CfnOutput(this.handlersScope, `${toPascalCase(name)}FunctionName`, {
      value: fn.function.functionName,
      description: `Name of the '${name}' function`,
    });
    return fn;
  }

  /** Read-write on the idempotency table (created on first use), replacing any grant given for it. */
  private withIdempotencyTable(tableGrants: TableGrant[]): TableGrant[] {
    const idempotency =
      this.tableByName.get(IdempotencyTable.name) ?? this.addTable(IdempotencyTable);
    return [
      ...tableGrants.filter((grant) => grant.table !== idempotency),
      { table: idempotency, access: 'readWrite' },
    ];
  }

  /** The topic `alarmTopicArn` names, else the application's own topic; made on first use. */
  private resolveAlarmTopic(): ITopic {
    if (this.alarmTopicInUse) return this.alarmTopicInUse;
    const { alarmTopicArn } = this.props;
    if (alarmTopicArn !== undefined) {
      this.alarmTopicInUse = Topic.fromTopicArn(this.handlersScope, 'AlarmTopic', alarmTopicArn);
      return this.alarmTopicInUse;
    }
    const { topic } = new AlarmTopic(this.handlersScope, 'AlarmTopic', {
      appName: this.appName,
      deploymentId: this.deploymentId,
    });
    new CfnOutput(this.handlersScope, 'AlarmTopicArn', {
      value: topic.topicArn,
      description: 'ARN of the topic dead-letter queue alarms notify; subscribe to it',
    });
    this.alarmTopicInUse = topic;
    return topic;
  }

  private physicalNameOf(logicalName: string): string {
    return physicalName(this.appName, this.deploymentId, logicalName);
  }

  private createStack(scope: Construct, stackName: string, contents: string): Stack {
    return new Stack(scope, stackName, {
      stackName,
      env: this.props.env,
      description: `${this.props.appName} (${this.props.deploymentId}): ${contents}`,
    });
  }

  private functionDefaults() {
    return {
      appName: this.appName,
      deploymentId: this.deploymentId,
      ephemeral: this.ephemeral,
      eventSource: this.props.eventSource ?? this.appName,
      runtime: this.props.runtime,
    };
  }

  private functionNameFor(method: string, options: AddFunctionOptions): string {
    const name = options.name ?? toKebabCase(options.handler ?? 'handler');
    assertNameSegment(`${method}.name`, name);
    if (this.functionByName.has(name)) throw new DuplicateNameError('function', name);
    return name;
  }

  private resolveTableGrants(field: string, tables: AddFunctionOptions['tables']): TableGrant[] {
    return Object.entries(tables ?? {}).map(([logicalName, access]) => {
      const table = this.tableByName.get(logicalName);
      if (!table)
        throw new UnknownTableError(`${field}.tables`, logicalName, [...this.tableByName.keys()]);
      if (!TABLE_ACCESS.includes(access)) {
        throw new InvalidOptionError(
          `${field}.tables.${logicalName}`,
          "must be 'read' or 'readWrite'",
          `got ${JSON.stringify(access)}`,
        );
      }
      return { table, access };
    });
  }
}

const SNS_TOPIC_ARN = /^arn:[a-z-]+:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/** A literal ARN must name an SNS topic; a token (another stack's output, a parameter) is trusted. */
function assertTopicArn(field: string, arn: string | undefined): void {
  if (arn === undefined || Token.isUnresolved(arn) || SNS_TOPIC_ARN.test(arn)) return;
  throw new InvalidOptionError(
    field,
    'must be the ARN of an SNS topic (arn:<partition>:sns:<region>:<account>:<name>)',
    `got ${JSON.stringify(arn)}`,
  );
}

/** The nearest Stack holding `scope` (or `scope` itself), if any. */
function stackAround(scope: Construct): Stack | undefined {
  return scope.node.scopes.reverse().find((construct) => Stack.isStack(construct));
}

/** Inside a Stack there is one stack, and its environment is fixed: refuse options that say otherwise. */
function assertOwnStackOptions(props: DavinciApplicationProps, stack: Stack): void {
  const given = (['separateStacks', 'env'] as const).find((key) =>
    key === 'separateStacks' ? props.separateStacks === true : props.env !== undefined,
  );
  if (given === undefined) return;
  throw new InvalidOptionError(
    given,
    'applies only when the application makes its own stacks (its scope is an App or a Stage)',
    `its scope is inside the stack '${stack.node.path}'`,
  );
}

const DECLARED_OPTIONS = ['eventType', 'eventTypes', 'pattern', 'tables', 'idempotency'] as const;

/**
 * The options with the handler's declaration spelled out: its pattern, tables and idempotency.
 * Repeating any of them beside a declaration is refused, since the two could then disagree.
 */
function withDeclaration(options: AddEventHandlerOptions): AddEventHandlerOptions {
  const { declaration: given, ...rest } = options;
  if (given === undefined) return rest;
  const declaration = 'declaration' in given ? given.declaration : given;
  const field = `addEventHandler(${options.name ?? declaration.name})`;
  const repeated = DECLARED_OPTIONS.filter((key) => options[key] !== undefined);
  if (repeated.length > 0) {
    throw new InvalidOptionError(
      `${field}.${repeated[0]}`,
      'is declared by the handler (defineEventHandler); give it there only',
      `also given here: ${repeated.join(', ')}`,
    );
  }
  return {
    ...rest,
    handler: options.handler ?? declaration.name,
    pattern: declaration.eventPattern,
    tables: declaration.tables,
    idempotency: declaration.idempotency,
  };
}
