import { describe, expect, it } from 'vitest';
import { Reserved } from '../../../test/support/reserved-table.js';
import { ValidationError } from '../../errors.js';
import { buildBatchGetInputs } from './batch-get.js';
import { buildBatchWriteInputs } from './batch-write.js';
import { buildCountInput } from './count.js';
import { buildDeleteInput } from './delete.js';
import { buildGetInput } from './get.js';
import { buildPutInput } from './put.js';
import { buildQueryInput } from './query.js';
import { buildScanInput } from './scan.js';
import { buildTransactGet, buildTransactGetInput } from './transact-get.js';
import {
  buildTransactDelete,
  buildTransactWriteInput,
  type TransactWriteOperation,
} from './transact-write.js';
import { buildUpdateInput } from './update.js';

const T = 'reserved-table';
const key = { name: 'a', count: 1 };

describe('build*Input (pure, no I/O)', () => {
  it('get: key, consistent read and an aliased projection', () => {
    expect(
      buildGetInput(Reserved, T, key, {
        consistentRead: true,
        projection: ['status', 'address.city'],
      }),
    ).toEqual({
      TableName: T,
      Key: { name: { S: 'a' }, count: { N: '1' } },
      ConsistentRead: true,
      ProjectionExpression: '#n0, #n1.#n2',
      ExpressionAttributeNames: { '#n0': 'status', '#n1': 'address', '#n2': 'city' },
    });
  });

  it('put on a versioned table: a new item must not exist and gets version 1', () => {
    const input = buildPutInput(Reserved, T, { ...key });
    expect(input.Item?.version).toEqual({ N: '1' });
    expect(input.Item?.status).toEqual({ S: 'open' });
    expect(input.ConditionExpression).toBe('attribute_not_exists(#n0)');
    expect(input.ExpressionAttributeNames).toEqual({ '#n0': 'name' });
    expect(input.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
  });

  it('put of a read item: conditions on its version, stores the next, and adds the caller condition', () => {
    const input = buildPutInput(
      Reserved,
      T,
      { ...key, version: 4 },
      { condition: { status: 'open' } },
    );
    expect(input.Item?.version).toEqual({ N: '5' });
    expect(input.ConditionExpression).toBe('(#n0 = :v0) AND (#n1 = :v1)');
    expect(input.ExpressionAttributeNames).toEqual({ '#n0': 'version', '#n1': 'status' });
    expect(input.ExpressionAttributeValues).toEqual({ ':v0': { N: '4' }, ':v1': { S: 'open' } });
  });

  it('put validates before building: a bad version or field is a ValidationError', () => {
    expect(() => buildPutInput(Reserved, T, { ...key, version: 1.5 })).toThrow(ValidationError);
    expect(() => buildPutInput(Reserved, T, { ...key, size: 'big' })).toThrow(ValidationError);
  });

  it('update: ALL_NEW, version bump, expected version, mustExist', () => {
    const input = buildUpdateInput(
      Reserved,
      T,
      key,
      { set: { note: 'x' } },
      {
        expectedVersion: 2,
        mustExist: true,
        now: new Date('2026-01-01T00:00:00.000Z'),
      },
    );
    expect(input).toMatchObject({
      TableName: T,
      Key: { name: { S: 'a' }, count: { N: '1' } },
      UpdateExpression: 'SET #n0 = :v0, #n2 = :v2 ADD #n1 :v1',
      ConditionExpression: '(attribute_exists(#n3)) AND (#n1 = :v3)',
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    expect(input.ExpressionAttributeNames).toEqual({
      '#n0': 'note',
      '#n1': 'version',
      '#n2': 'updated',
      '#n3': 'name',
    });
  });

  it('delete: ALL_OLD, and the condition only when one is asked for', () => {
    expect(buildDeleteInput(Reserved, T, key)).toEqual({
      TableName: T,
      Key: { name: { S: 'a' }, count: { N: '1' } },
      ReturnValues: 'ALL_OLD',
    });
    expect(buildDeleteInput(Reserved, T, key, { expectedVersion: 3 }).ConditionExpression).toBe(
      '#n0 = :v0',
    );
  });

  it('query: key condition, index, filter, order, limit, cursor and consistency', () => {
    const input = buildQueryInput(Reserved, T, {
      where: { name: 'a', count: { gt: 3 } },
      filter: { status: 'open' },
      order: 'desc',
      limit: 10,
      consistentRead: true,
    });
    expect(input).toMatchObject({
      KeyConditionExpression: '#n0 = :v0 AND #n1 > :v1',
      FilterExpression: '#n2 = :v2',
      ScanIndexForward: false,
      Limit: 10,
      ConsistentRead: true,
    });
    expect(() => buildQueryInput(Reserved, T, { where: { name: 'a' }, limit: 0 })).toThrow(
      ValidationError,
    );
  });

  it('scan and count: segments, and Select COUNT with a Query only when there is a key condition', () => {
    expect(buildScanInput(Reserved, T, { segment: 1, totalSegments: 4 })).toEqual({
      TableName: T,
      Segment: 1,
      TotalSegments: 4,
    });
    expect(buildCountInput(Reserved, T, { where: { name: 'a' } })).toMatchObject({
      operation: 'query',
      input: { Select: 'COUNT', KeyConditionExpression: '#n0 = :v0' },
    });
    expect(buildCountInput(Reserved, T)).toEqual({
      operation: 'scan',
      input: { TableName: T, Select: 'COUNT' },
    });
  });

  it('batch builders chunk by 100 and 25 and drop duplicate reads', () => {
    const keys = Array.from({ length: 250 }, (_, count) => ({ name: 'a', count }));
    const gets = buildBatchGetInputs(Reserved, T, [...keys, ...keys.slice(0, 10)]);
    expect(gets.map((input) => input.RequestItems?.[T]?.Keys?.length)).toEqual([100, 100, 50]);
    const writes = buildBatchWriteInputs(
      Reserved,
      T,
      keys.slice(0, 60).map((k) => ({ delete: k })),
    );
    expect(writes.map((input) => input.RequestItems?.[T]?.length)).toEqual([25, 25, 10]);
  });

  it('transaction builders carry ALL_OLD on failure and a client request token', () => {
    const target = { definition: Reserved, tableName: T, client: undefined as never };
    const operations: TransactWriteOperation[] = [
      {
        kind: 'delete',
        target,
        request: buildTransactDelete(Reserved, T, key, { condition: { status: 'open' } }),
      },
    ];
    expect(buildTransactWriteInput(operations, { clientRequestToken: 'token-1' })).toEqual({
      TransactItems: [
        {
          Delete: {
            TableName: T,
            Key: { name: { S: 'a' }, count: { N: '1' } },
            ConditionExpression: '#n0 = :v0',
            ExpressionAttributeNames: { '#n0': 'status' },
            ExpressionAttributeValues: { ':v0': { S: 'open' } },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
      ClientRequestToken: 'token-1',
    });
    expect(
      buildTransactGetInput([{ kind: 'get', target, request: buildTransactGet(Reserved, T, key) }])
        .TransactItems,
    ).toEqual([{ Get: { TableName: T, Key: { name: { S: 'a' }, count: { N: '1' } } } }]);
  });
});
