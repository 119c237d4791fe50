import { generatedName, optionalString, type ResourceProvider, tagMap } from './provider.js';

/** Template properties that are SQS queue attributes, sent as strings. */
const ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
] as const;

function queueAttributes(properties: Readonly<Record<string, unknown>>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of ATTRIBUTES) {
    const value = properties[name];
    if (value === undefined) continue;
    // The template writes the redrive policies as objects; the API takes them as JSON text.
    attributes[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return attributes;
}

function isFifo(properties: Readonly<Record<string, unknown>>): boolean {
  return properties.FifoQueue === true || properties.FifoQueue === 'true';
}

/** AWS::SQS::Queue: every attribute, the redrive policy, tags. `Ref` is the queue URL. */
export const sqsQueue: ResourceProvider = {
  effect: 'created',
  replaceOn: ['QueueName', 'FifoQueue'],
  async create(properties, context) {
    const fifo = isFifo(properties);
    const queueName =
      optionalString(properties, 'QueueName') ?? generatedName(context, 80, fifo ? '.fifo' : '');
    const attributes = queueAttributes(properties);
    if (fifo) attributes.FifoQueue = 'true';
    const tags = tagMap(properties.Tags);
    const { QueueUrl } = await context.api.call('sqs', 'CreateQueue', {
      QueueName: queueName,
      Attributes: attributes,
      ...(Object.keys(tags).length > 0 && { tags }),
    });
    const queueUrl = String(QueueUrl);
    return {
      physicalId: queueUrl,
      attributes: {
        Arn: `arn:aws:sqs:${context.region}:${context.accountId}:${queueName}`,
        QueueName: queueName,
        QueueUrl: queueUrl,
      },
    };
  },
  async update(previous, properties, context) {
    const attributes = queueAttributes(properties);
    if (Object.keys(attributes).length > 0) {
      await context.api.call('sqs', 'SetQueueAttributes', {
        QueueUrl: previous.physicalId,
        Attributes: attributes,
      });
    }
    return previous;
  },
  async delete(state, context) {
    await context.api.call('sqs', 'DeleteQueue', { QueueUrl: state.physicalId });
  },
};

/** AWS::SQS::QueuePolicy: the policy set on each queue it names (kept for the IAM checks to come). */
export const sqsQueuePolicy: ResourceProvider = {
  effect: 'created',
  async create(properties, context) {
    const queues = Array.isArray(properties.Queues) ? properties.Queues.map(String) : [];
    const policy = JSON.stringify(properties.PolicyDocument ?? {});
    for (const queueUrl of queues) {
      await context.api.call('sqs', 'SetQueueAttributes', {
        QueueUrl: queueUrl,
        Attributes: { Policy: policy },
      });
    }
    return {
      physicalId: `${context.stackName}-${context.logicalId}`,
      attributes: { Id: context.logicalId },
    };
  },
  async update(previous, properties, context) {
    await sqsQueuePolicy.create(properties, context);
    return previous;
  },
};
