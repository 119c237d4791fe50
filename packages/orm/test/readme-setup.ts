import type { ExampleContext, ReadmeSetup } from '@davinci/readme-examples';

/**
 * What the README's prose assumes: its README test and the release rehearsal build the same
 * programs from this. Each program runs against DynamoDB Local with tables of its own.
 */
const createTables = (...definitions: string[]) => `
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '@davinci/orm';
for (const definition of [${definitions.join(', ')}]) {
  const { input, timeToLiveAttribute } = createTableInput(definition);
  const setupClient = new DynamoDBClient({});
  await setupClient.send(new CreateTableCommand(input));
  if (timeToLiveAttribute) {
    await setupClient.send(new UpdateTimeToLiveCommand({
      TableName: input.TableName,
      TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
    }));
  }
}`;

const contexts: Record<string, ExampleContext> = {
  'user-tables': { setup: createTables('UserTable', 'UserStatsTable') },
  'seeded-users': {
    setup: `${createTables('UserTable', 'UserStatsTable')}
await users.put({ user_id: 'u1', email: 'ada@example.com', name: 'Ada', created_at: new Date() });`,
  },
  orders: {
    declarations: `
import { attr, defineTable, TableClient } from '@davinci/orm';
const OrderTable = defineTable({
  name: 'orders',
  partitionKey: 'order_id',
  attributes: {
    order_id: attr.string(),
    status: attr.string(),
    note: attr.string().optional(),
    coupon: attr.string().optional(),
    first_paid_at: attr.datetime().optional(),
    count: attr.number().default(0),
    address: attr.json<{ city: string; zip?: string }>(),
    history: attr.stringList(),
    recent: attr.stringList(),
    labels: attr.stringSet(),
    flags: attr.stringSet(),
    version: attr.number(),
  },
  version: 'version',
});
const orders = new TableClient(OrderTable);
const key = { order_id: 'o1' };`,
    setup: `${createTables('OrderTable')}
await orders.put({
  order_id: 'o1', status: 'open', note: 'n', coupon: 'C1', address: { city: 'Oslo', zip: '0150' },
  history: ['open'], recent: ['open'], labels: new Set(['new']), flags: new Set(['draft']),
});`,
  },
  sessions: {
    declarations: `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attr, defineTable } from '@davinci/orm';
const SessionTable = defineTable({
  name: 'sessions',
  partitionKey: 'session_id',
  attributes: { session_id: attr.string(), expires_at: attr.datetime({ storage: 'epochSeconds' }) },
  timeToLive: 'expires_at',
});
const client = new DynamoDBClient({});`,
  },
};

export const readmeSetup: ReadmeSetup = {
  contexts,
  // The first example's comments say what it prints.
  printed: ['pending\nactive true\n'],
};
