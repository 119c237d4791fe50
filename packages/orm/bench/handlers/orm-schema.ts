// A put + get Lambda handler with the @davinci/orm schema codec and raw SDK commands
// (bundle-size benchmark, used while the ORM's TableClient is not exported).
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { attr, defineTable } from '../../src/schema/index.js';

const UserTable = defineTable({
  name: 'users',
  partitionKey: 'user_id',
  attributes: {
    user_id: attr.string(),
    email: attr.string(),
    name: attr.string(),
    status: attr.literal('pending', 'active').default('pending'),
    login_count: attr.number(),
    created_at: attr.datetime(),
  },
});
const client = new DynamoDBClient({});

export async function handler(event: { user_id: string; email: string; name: string }) {
  const item = UserTable.parsePut({ ...event, login_count: 0, created_at: new Date() });
  await client.send(new PutItemCommand({ TableName: 'users', Item: UserTable.toItem(item) }));
  const { Item } = await client.send(
    new GetItemCommand({ TableName: 'users', Key: UserTable.toKey({ user_id: event.user_id }) }),
  );
  return Item && UserTable.fromItem(Item);
}
