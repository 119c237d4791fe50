import type { RemovalPolicy } from 'aws-cdk-lib';
import type { StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';

/** Per-table choices for `Application.addTable()`. */
export interface AddTableOptions {
  /**
   * What happens to the table (and its data) when it is removed from the stack.
   * @default RemovalPolicy.RETAIN, or RemovalPolicy.DESTROY when the application is ephemeral
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Continuous backups with point-in-time recovery.
   * @default true
   */
  readonly pointInTimeRecovery?: boolean;
  /**
   * A customer managed KMS key for encryption at rest.
   * @default the AWS managed key for DynamoDB (`alias/aws/dynamodb`)
   */
  readonly encryptionKey?: IKey;
  /**
   * Refuse `DeleteTable` calls while enabled.
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Emit a DynamoDB stream with this view of each changed item.
   * @default no stream
   */
  readonly stream?: StreamViewType;
}
