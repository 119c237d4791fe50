// A put + get Lambda handler with the raw AWS SDK and util-dynamodb (bundle-size benchmark).
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

const client = new DynamoDBClient({});

export async function handler(event: { user_id: string; email: string; name: string }) {
  const item = {
    ...event,
    status: 'pending',
    login_count: 0,
    created_at: new Date().toISOString(),
  };
  await client.send(new PutItemCommand({ TableName: 'users', Item: marshall(item) }));
  const { Item } = await client.send(
    new GetItemCommand({ TableName: 'users', Key: marshall({ user_id: event.user_id }) }),
  );
  return Item && unmarshall(Item);
}
