import { describe, expect, it } from 'vitest';
import { davinciHint } from './hints.js';

const handler = {
  functionName: 'shop-dev-record-order',
  functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:shop-dev-record-order',
  environment: { DAVINCI_APP_NAME: 'shop', DAVINCI_DEPLOYMENT_ID: 'dev' },
};
const table = (name: string) => `arn:aws:dynamodb:us-east-1:000000000000:table/${name}`;

describe('the @davinci/cdk option that grants a denied call', () => {
  it('names the idempotency option for the idempotency table', () => {
    expect(davinciHint(handler, 'dynamodb:GetItem', table('shop-dev-davinci_idempotency'))).toBe(
      'idempotency: true',
    );
  });

  it("names the table's access, read for reads and readWrite for writes", () => {
    expect(davinciHint(handler, 'dynamodb:Query', `${table('shop-dev-orders')}/index/by-day`)).toBe(
      "tables: { orders: 'read' }",
    );
    expect(davinciHint(handler, 'dynamodb:PutItem', table('shop-dev-orders'))).toBe(
      "tables: { orders: 'readWrite' }",
    );
  });

  it("names publishes for the application's bus", () => {
    expect(
      davinciHint(
        handler,
        'events:PutEvents',
        'arn:aws:events:us-east-1:000000000000:event-bus/shop-dev-event-bus',
      ),
    ).toBe('publishes: true');
  });

  it('names nothing for other apps, other resources, or functions not of an application', () => {
    expect(davinciHint(handler, 'dynamodb:PutItem', table('other-dev-orders'))).toBeUndefined();
    expect(
      davinciHint(handler, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:000000000000:q'),
    ).toBeUndefined();
    expect(
      davinciHint({ ...handler, environment: {} }, 'dynamodb:PutItem', table('shop-dev-orders')),
    ).toBeUndefined();
  });
});
