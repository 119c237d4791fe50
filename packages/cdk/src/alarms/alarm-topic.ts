import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Props of {@link AlarmTopic}. */
export interface AlarmTopicProps {
  /** Application name, first part of the topic's name. */
  readonly appName: string;
  /** Deployment id, second part of the topic's name. */
  readonly deploymentId: string;
}

/**
 * The application's SNS topic for alarms (`{appName}-{deploymentId}-alarms`): encrypted with a
 * key of its own, TLS only, and published to by CloudWatch only for the application's alarms.
 * Subscribe people or tools to it (email, chat, incident tooling) to hear about them.
 */
export class AlarmTopic extends Construct {
  /** The topic. */
  readonly topic: Topic;
  /** The customer managed key encrypting it (CloudWatch cannot use the AWS managed SNS key). */
  readonly key: Key;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const baseName = `${props.appName}-${props.deploymentId}`;
    this.key = new Key(this, 'Key', {
      description: `Encrypts the ${baseName}-alarms topic`,
      enableKeyRotation: true,
      // SNS keeps no messages at rest once delivered, so nothing outlives the topic that needs the key.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.topic = new Topic(this, 'Topic', {
      topicName: `${baseName}-alarms`,
      displayName: `${baseName} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });

    // CloudWatch publishes for this account's alarms named after the application only.
    const { account, region, partition } = Stack.of(this);
    const conditions = {
      StringEquals: { 'aws:SourceAccount': account },
      ArnLike: {
        'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:${baseName}-*`,
      },
    };
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions,
      }),
    );
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsEncrypt',
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions,
      }),
    );
  }
}
