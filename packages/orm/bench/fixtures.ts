/**
 * The one 6-attribute user item every library in the benchmark builds requests for and parses,
 * defined once per library the way its documentation suggests.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  item,
  number,
  string,
  Entity as ToolboxEntity,
  Table as ToolboxTable,
} from 'dynamodb-toolbox';
import { Entity as ElectroEntity } from 'electrodb';
import type { OrmUnderTest } from './load-orm.js';
import { TABLE_NAME } from './table-name.js';

export { TABLE_NAME };

/** The item as the application holds it (a Date for the creation time). */
export const user = {
  user_id: '6f1c2a9e-3b7d-4c1a-9f2e-8d5b4a3c2e1f',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  status: 'active' as const,
  login_count: 42,
  created_at: new Date('2026-03-14T15:09:26.535Z'),
};

/** The same item as the raw SDK and the other libraries store it (ISO text for the time). */
export const plainUser = { ...user, created_at: user.created_at.toISOString() };

export const electroUsers = new ElectroEntity(
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
      primary: {
        pk: { field: 'pk', composite: ['user_id'] },
        sk: { field: 'sk', composite: [] },
      },
    },
  },
  { table: TABLE_NAME },
);

const toolboxTable = new ToolboxTable({
  name: TABLE_NAME,
  partitionKey: { name: 'user_id', type: 'string' },
});

export const toolboxUsers = new ToolboxEntity({
  name: 'user',
  table: toolboxTable,
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

/** A stored item as GetItem returns it, per library (each stores its own bookkeeping fields). */
export const storedUserFor = (orm: OrmUnderTest): Record<string, AttributeValue> =>
  orm.UserTable.toItem(user);
export const storedPlainUser: Record<string, AttributeValue> = marshall(plainUser);
export const storedElectroUser: Record<string, AttributeValue> = marshall(
  electroUsers.put(plainUser).params<{ Item: Record<string, unknown> }>().Item,
);
export const storedToolboxUser: Record<string, AttributeValue> = marshall({
  ...plainUser,
  _et: 'user',
});

/** A 100-item Query page, per library. */
export function page(stored: Record<string, AttributeValue>): Record<string, AttributeValue>[] {
  return Array.from({ length: 100 }, (_, i) => ({
    ...stored,
    user_id: { S: `user-${i}` },
    ...(stored.pk && { pk: { S: `$bench$user_1#user_id_user-${i}` } }),
  }));
}
