// A put + get Lambda handler with ElectroDB (bundle-size benchmark).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity } from 'electrodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const users = new Entity(
  {
    model: { entity: 'user', version: '1', service: 'bench' },
    attributes: {
      user_id: { type: 'string', required: true },
      email: { type: 'string', required: true },
      name: { type: 'string', required: true },
      status: { type: ['pending', 'active'] as const, default: 'pending' },
      login_count: { type: 'number', required: true },
      created_at: { type: 'string', required: true },
    },
    indexes: {
      primary: { pk: { field: 'pk', composite: ['user_id'] }, sk: { field: 'sk', composite: [] } },
    },
  },
  { table: 'users', client },
);

export async function handler(event: { user_id: string; email: string; name: string }) {
  await users.put({ ...event, login_count: 0, created_at: new Date().toISOString() }).go();
  return (await users.get({ user_id: event.user_id }).go()).data;
}
