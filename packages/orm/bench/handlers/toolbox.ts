// A put + get Lambda handler with DynamoDB-Toolbox v2 (bundle-size benchmark).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity } from 'dynamodb-toolbox/entity';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { item } from 'dynamodb-toolbox/schema/item';
import { number } from 'dynamodb-toolbox/schema/number';
import { string } from 'dynamodb-toolbox/schema/string';
import { Table } from 'dynamodb-toolbox/table';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const table = new Table({
  name: 'users',
  partitionKey: { name: 'user_id', type: 'string' },
  documentClient,
});
const users = new Entity({
  name: 'user',
  table,
  timestamps: false,
  schema: item({
    user_id: string().key(),
    email: string(),
    name: string(),
    status: string().enum('pending', 'active').default('pending'),
    login_count: number(),
    created_at: string(),
  }),
});

export async function handler(event: { user_id: string; email: string; name: string }) {
  await users
    .build(PutItemCommand)
    .item({ ...event, login_count: 0, created_at: new Date().toISOString() })
    .send();
  return (await users.build(GetItemCommand).key({ user_id: event.user_id }).send()).Item;
}
