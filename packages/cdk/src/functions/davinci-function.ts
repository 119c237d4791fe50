import { DiscoveryVariables, physicalName } from '@davinci/orm/discovery';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { InvalidOptionError } from '../errors.js';
import type { ApplicationEventBus } from '../event-bus/application-event-bus.js';
import { acknowledgeRule } from '../nag/acknowledge.js';
import { assertMaxLength, assertNameSegment } from '../naming/index.js';
import type { DavinciTable } from '../tables/davinci-table.js';
import { grantTableAccess, type TableAccess } from '../tables/table-access.js';
import { offerBundledEsbuild } from './bundled-esbuild.js';
import type { AddFunctionOptions } from './function-options.js';

/** A table a function may use, resolved from `AddFunctionOptions.tables`. */
export interface TableGrant {
  /** The table. */
  readonly table: DavinciTable;
  /** Read or read-write. */
  readonly access: TableAccess;
}

/** Props of {@link DavinciFunction}. */
export interface DavinciFunctionProps extends Omit<AddFunctionOptions, 'tables' | 'name'> {
  /** Logical name of the function. */
  readonly name: string;
  /** Application name, first part of the physical name. */
  readonly appName: string;
  /** Deployment id, second part of the physical name. */
  readonly deploymentId: string;
  /** Value of `DAVINCI_EVENT_SOURCE`. */
  readonly eventSource: string;
  /** Tables the function may use. */
  readonly tableGrants: readonly TableGrant[];
  /** The application's bus, when enabled; sets `DAVINCI_EVENT_BUS_NAME`. */
  readonly eventBus?: ApplicationEventBus;
  /**
   * Whether the deployment is short-lived; its log group is then destroyed with the stack.
   * @default false
   */
  readonly ephemeral?: boolean;
  /**
   * Lambda runtime.
   * @default Runtime.NODEJS_22_X
   */
  readonly runtime?: Runtime;
}

const DEFAULT_TIMEOUT = Duration.seconds(30);
const DEFAULT_MEMORY_SIZE = 256;
const FUNCTION_NAME_LIMIT = 64;

/**
 * A bundled Node.js function with its own role and log group and nothing else: it can write its
 * logs, use the tables it names and, when it publishes, put events on the application's bus.
 */
export class DavinciFunction extends Construct {
  /** The logical name. */
  readonly logicalName: string;
  /** `{appName}-{deploymentId}-{name}`. */
  readonly functionName: string;
  /** The Lambda function. */
  readonly function: NodejsFunction;
  /** The execution role (no managed policies; one inline policy). */
  readonly role: Role;
  /** The function's log group. */
  readonly logGroup: LogGroup;
  /** The timeout the function was created with. */
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: DavinciFunctionProps) {
    super(scope, id);
    const field = `function(${props.name})`;
    assertNameSegment(`${field}.name`, props.name);
    this.logicalName = props.name;
    this.functionName = physicalName(props.appName, props.deploymentId, props.name);
    checkFunctionOptions(field, this.functionName, props);
    this.timeout = props.timeout ?? DEFAULT_TIMEOUT;

    this.logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/lambda/${this.functionName}`,
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });

    // A role of our own instead of AWSLambdaBasicExecutionRole, whose log permissions cover
    // every log group in the account.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.functionName}`,
    });
    this.logGroup.grantWrite(this.role);

    const runtime = props.runtime ?? Runtime.NODEJS_22_X;
    offerBundledEsbuild();
    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: props.handler ?? 'handler',
      functionName: this.functionName,
      description: props.description,
      runtime,
      architecture: props.architecture ?? Architecture.ARM_64,
      timeout: this.timeout,
      memorySize: props.memorySize ?? DEFAULT_MEMORY_SIZE,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...discoveryEnvironment(props), ...props.environment },
      bundling: {
        forceDockerBundling: false,
        sourceMap: true,
        target: 'node22',
        // esbuild's size summary per function would bury a synth's own output; warnings still show.
        logLevel: LogLevel.WARNING,
        ...props.bundling,
      },
    });

    for (const { table, access } of props.tableGrants) {
      grantTableAccess(this.role, table, access);
    }
    if (props.publishes) {
      if (!props.eventBus)
        throw new InvalidOptionError(`${field}.publishes`, 'requires enableEventBus: true');
      props.eventBus.eventBus.grantPutEventsTo(this.role);
    }

    if (runtime === Runtime.NODEJS_22_X) {
      acknowledgeRule(
        this.function,
        'AwsSolutions-L1',
        'Node.js 22 is the runtime the framework and its local sandbox are built and tested for; pass `runtime` to choose a newer one.',
      );
    }
  }
}

/**
 * Checks what Lambda would reject at deploy time, before any construct exists. Exported so the
 * Application can run it before creating anything.
 */
export function checkFunctionOptions(
  field: string,
  functionName: string,
  options: Pick<AddFunctionOptions, 'timeout' | 'memorySize' | 'environment'>,
): void {
  assertMaxLength(`${field}.name`, functionName, FUNCTION_NAME_LIMIT);
  const seconds = (options.timeout ?? DEFAULT_TIMEOUT).toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 900) {
    throw new InvalidOptionError(
      `${field}.timeout`,
      'must be a whole number of seconds from 1 to 900',
    );
  }
  const { memorySize } = options;
  if (
    memorySize !== undefined &&
    (!Number.isInteger(memorySize) || memorySize < 128 || memorySize > 10240)
  ) {
    throw new InvalidOptionError(
      `${field}.memorySize`,
      'must be a whole number of MB from 128 to 10240',
      `got ${memorySize}`,
    );
  }
  for (const name of Object.keys(options.environment ?? {})) {
    if (name.startsWith('DAVINCI_')) {
      throw new InvalidOptionError(
        `${field}.environment.${name}`,
        'names starting with DAVINCI_ are set by the application',
      );
    }
  }
}

/**
 * The resource-discovery variables (application, deployment, event source, bus, one per granted
 * table) the runtime packages read, and source-map support.
 */
function discoveryEnvironment(props: DavinciFunctionProps): Record<string, string> {
  const environment: Record<string, string> = {
    NODE_OPTIONS: '--enable-source-maps',
    [DiscoveryVariables.appName]: props.appName,
    [DiscoveryVariables.deploymentId]: props.deploymentId,
    [DiscoveryVariables.eventSource]: props.eventSource,
  };
  if (props.eventBus) environment[DiscoveryVariables.eventBusName] = props.eventBus.eventBusName;
  for (const { table } of props.tableGrants) {
    environment[table.environmentVariable] = table.tableName;
  }
  return environment;
}
