import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type DeclaredEventHandler, IdempotencyTable } from '@davinci/event-bus';
import type { AnyTableDefinition } from '@davinci/orm';
import { discoverEventBusName, physicalName } from '@davinci/orm/discovery';
import { createTable } from './create-table.js';
import { type QueueConsumer, startQueueConsumer } from './queue-consumer.js';

export interface LocalDeploymentOptions {
  /** `DAVINCI_APP_NAME` and `DAVINCI_DEPLOYMENT_ID` must already be set; names derive from them. */
  readonly tables: readonly AnyTableDefinition[];
  /** The handlers by export name; each one's declaration says what its rule subscribes to. */
  readonly handlers: Readonly<Record<string, DeclaredEventHandler>>;
  /** Receives before a message moves to its handler's DLQ. Default: 3, as the CDK app. */
  readonly maxReceiveCount?: number;
  /** Seconds a received message stays invisible. Default: 30. */
  readonly visibilityTimeout?: number;
}

export interface HandlerQueues {
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
}

export interface LocalDeployment {
  readonly eventBusName: string;
  readonly queues: Readonly<Record<string, HandlerQueues>>;
  stop(): Promise<void>;
}

/**
 * Lays the app out on an AWS endpoint (the sandbox) the way the CDK app does: its tables (and the
 * idempotency table), its event bus, and per handler a rule → queue (with a DLQ) → a consumer that
 * feeds the handler SQS batches and honours its partial batch responses.
 */
export async function deployLocally(options: LocalDeploymentOptions): Promise<LocalDeployment> {
  const app = requiredEnv('DAVINCI_APP_NAME');
  const deployment = requiredEnv('DAVINCI_DEPLOYMENT_ID');
  const dynamodb = new DynamoDBClient({});
  const events = new EventBridgeClient({});
  const sqs = new SQSClient({});

  for (const table of [...options.tables, IdempotencyTable]) {
    await createTable(dynamodb, table);
  }
  const bus = discoverEventBusName();
  if (!bus.found)
    throw new Error(`no event bus configured: set ${bus.missingVariables.join(', ')}`);
  const eventBusName = bus.eventBusName;
  await events.send(new CreateEventBusCommand({ Name: eventBusName }));

  const queues: Record<string, HandlerQueues> = {};
  const consumers: QueueConsumer[] = [];
  for (const [exportName, handler] of Object.entries(options.handlers)) {
    const base = physicalName(app, deployment, exportName);
    const deadLetter = await createQueue(sqs, `${base}-dlq`, {
      MessageRetentionPeriod: String(14 * 24 * 60 * 60),
    });
    const queue = await createQueue(sqs, base, {
      VisibilityTimeout: String(options.visibilityTimeout ?? 30),
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: deadLetter.arn,
        maxReceiveCount: options.maxReceiveCount ?? 3,
      }),
    });
    await events.send(
      new PutRuleCommand({
        Name: base,
        EventBusName: eventBusName,
        EventPattern: JSON.stringify(handler.declaration.eventPattern),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: base,
        EventBusName: eventBusName,
        Targets: [{ Id: 'queue', Arn: queue.arn }],
      }),
    );
    queues[exportName] = { queueUrl: queue.url, deadLetterQueueUrl: deadLetter.url };
    consumers.push(
      startQueueConsumer({
        sqs,
        queueUrl: queue.url,
        queueArn: queue.arn,
        handler,
        functionName: base,
      }),
    );
  }

  return {
    eventBusName,
    queues,
    async stop() {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      dynamodb.destroy();
      events.destroy();
      sqs.destroy();
    },
  };
}

async function createQueue(
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<{ url: string; arn: string }> {
  const created = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  const url = created.QueueUrl ?? '';
  const described = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return { url, arn: described.Attributes?.QueueArn ?? '' };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set to lay the app out locally`);
  return value;
}
