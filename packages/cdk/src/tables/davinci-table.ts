import type { KeyAttribute, Projection } from '@davinci/orm';
import { physicalName, tableEnvVar } from '@davinci/orm/discovery';
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  type Attribute,
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { InvalidOptionError } from '../errors.js';
import { assertMaxLength } from '../naming/index.js';
import type { TableDefinitionLike } from './table-definition.js';
import type { AddTableOptions } from './table-options.js';

/** Props of {@link DavinciTable}. */
export interface DavinciTableProps extends AddTableOptions {
  /** The `@davinci/orm` definition the table is built from. */
  readonly definition: TableDefinitionLike;
  /** Application name, first part of the physical name. */
  readonly appName: string;
  /** Deployment id, second part of the physical name. */
  readonly deploymentId: string;
  /**
   * Whether the deployment is short-lived; decides the default removal policy.
   * @default false
   */
  readonly ephemeral?: boolean;
}

/** A DynamoDB table built from an `@davinci/orm` definition. */
export class DavinciTable extends Construct {
  /** The logical name from the definition (`users`). */
  readonly logicalName: string;
  /** `{appName}-{deploymentId}-{logicalName}`. */
  readonly tableName: string;
  /** The variable that carries the physical name to functions (`DAVINCI_TABLE_USERS`). */
  readonly environmentVariable: string;
  /** The underlying CDK table. */
  readonly table: Table;
  /** Names of the table's global and local secondary indexes. */
  readonly indexNames: readonly string[];

  constructor(scope: Construct, id: string, props: DavinciTableProps) {
    super(scope, id);
    const { definition } = props;
    const schema = definition.schema;
    this.logicalName = definition.name;
    this.tableName = physicalName(props.appName, props.deploymentId, definition.name);
    this.environmentVariable = tableEnvVar(definition.name);
    assertMaxLength(`addTable(${definition.name})`, this.tableName, 255);
    checkTableSchema(definition);

    this.indexNames = [
      ...schema.globalSecondaryIndexes.map((index) => index.indexName),
      ...schema.localSecondaryIndexes.map((index) => index.indexName),
    ];
    this.table = new Table(this, 'Table', {
      tableName: this.tableName,
      partitionKey: toCdkAttribute(schema.partitionKey),
      sortKey: schema.sortKey ? toCdkAttribute(schema.sortKey) : undefined,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: props.pointInTimeRecovery ?? true,
      },
      ...(props.encryptionKey
        ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: props.encryptionKey }
        : { encryption: TableEncryption.AWS_MANAGED }),
      timeToLiveAttribute: schema.timeToLiveAttribute,
      deletionProtection: props.deletionProtection ?? false,
      stream: props.stream,
      removalPolicy:
        props.removalPolicy ?? (props.ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN),
    });

    for (const index of schema.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: toCdkAttribute(index.partitionKey),
        sortKey: index.sortKey ? toCdkAttribute(index.sortKey) : undefined,
        ...toCdkProjection(index.projection),
      });
    }
    for (const index of schema.localSecondaryIndexes) {
      this.table.addLocalSecondaryIndex({
        indexName: index.indexName,
        sortKey: toCdkAttribute(index.sortKey),
        ...toCdkProjection(index.projection),
      });
    }
  }
}

const ATTRIBUTE_TYPES = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
} as const;

function toCdkAttribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: ATTRIBUTE_TYPES[key.type] };
}

const PROJECTION_TYPES = {
  ALL: ProjectionType.ALL,
  KEYS_ONLY: ProjectionType.KEYS_ONLY,
  INCLUDE: ProjectionType.INCLUDE,
} as const;

function toCdkProjection(projection: Projection): {
  projectionType: ProjectionType;
  nonKeyAttributes?: string[];
} {
  return projection.type === 'INCLUDE'
    ? {
        projectionType: ProjectionType.INCLUDE,
        // checkTableSchema has refused an INCLUDE without attributes already.
        nonKeyAttributes: [...(projection.nonKeyAttributes ?? [])],
      }
    : { projectionType: PROJECTION_TYPES[projection.type] };
}

/**
 * Rejects schemas DynamoDB would refuse at deploy time. `defineTable` already prevents these;
 * hand-written schemas are checked here, before any construct is created.
 */
export function checkTableSchema(definition: TableDefinitionLike): void {
  const { schema } = definition;
  if (schema.localSecondaryIndexes.length > 0 && !schema.sortKey) {
    throw new InvalidOptionError(
      `addTable(${definition.name}).localSecondaryIndexes`,
      'local secondary indexes need a table with a sort key',
    );
  }
  const projections: [string, Projection][] = [
    ...schema.globalSecondaryIndexes.map((index): [string, Projection] => [
      `globalSecondaryIndexes.${index.indexName}.projection`,
      index.projection,
    ]),
    ...schema.localSecondaryIndexes.map((index): [string, Projection] => [
      `localSecondaryIndexes.${index.indexName}.projection`,
      index.projection,
    ]),
  ];
  for (const [field, projection] of projections) {
    if (projection.type === 'INCLUDE' && !projection.nonKeyAttributes?.length) {
      throw new InvalidOptionError(
        `addTable(${definition.name}).${field}`,
        'an INCLUDE projection needs at least one non-key attribute; KEYS_ONLY copies only the keys',
      );
    }
  }
  // DynamoDB keeps one type per attribute name across the table and all its indexes.
  const keys: [string, KeyAttribute | undefined][] = [
    ['partitionKey', schema.partitionKey],
    ['sortKey', schema.sortKey],
    ...schema.globalSecondaryIndexes.flatMap((index): [string, KeyAttribute | undefined][] => [
      [`globalSecondaryIndexes.${index.indexName}.partitionKey`, index.partitionKey],
      [`globalSecondaryIndexes.${index.indexName}.sortKey`, index.sortKey],
    ]),
    ...schema.localSecondaryIndexes.map((index): [string, KeyAttribute | undefined] => [
      `localSecondaryIndexes.${index.indexName}.sortKey`,
      index.sortKey,
    ]),
  ];
  const seen = new Map<string, { type: KeyAttribute['type']; field: string }>();
  for (const [field, key] of keys) {
    if (!key) continue;
    const first = seen.get(key.name);
    if (first && first.type !== key.type) {
      throw new InvalidOptionError(
        `addTable(${definition.name}).${field}`,
        `attribute '${key.name}' is a key of type ${first.type} at ${first.field} and of type ${key.type} here; one type per attribute`,
      );
    }
    if (!first) seen.set(key.name, { type: key.type, field });
  }
}
