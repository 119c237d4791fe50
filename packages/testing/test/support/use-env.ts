// Uses the sandbox the way another process would: SDK clients configured by the environment only.
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';

const [tables, buses, queues] = await Promise.all([
  new DynamoDBClient({}).send(new ListTablesCommand({})),
  new EventBridgeClient({}).send(new ListEventBusesCommand({})),
  new SQSClient({}).send(new ListQueuesCommand({})),
]);
console.log(
  JSON.stringify({
    tables: tables.TableNames,
    buses: buses.EventBuses?.map((bus) => bus.Name),
    queues: queues.QueueUrls,
  }),
);
