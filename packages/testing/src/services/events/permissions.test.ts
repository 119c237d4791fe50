import { describe, expect, it } from 'vitest';
import type { ServiceRequest } from '../../edge/service.js';
import { eventsPermissions } from './permissions.js';

const scope = { region: 'us-east-1', accountId: '000000000000' };

function request(operation: string, input: unknown): ServiceRequest {
  return {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: { 'x-amz-target': `AWSEvents.${operation}` },
    body: Buffer.from(JSON.stringify(input)),
  };
}

describe('the IAM permissions of EventBridge requests', () => {
  it('PutEvents needs events:PutEvents on each bus its entries name', () => {
    expect(
      eventsPermissions(
        request('PutEvents', {
          Entries: [
            { EventBusName: 'app-bus' },
            { EventBusName: 'arn:aws:events:us-east-1:000000000000:event-bus/app-bus' },
            {},
          ],
        }),
        scope,
      ),
    ).toEqual([
      {
        action: 'events:PutEvents',
        resources: [
          'arn:aws:events:us-east-1:000000000000:event-bus/app-bus',
          'arn:aws:events:us-east-1:000000000000:event-bus/default',
        ],
      },
    ]);
  });

  it('rule operations need their action on the rule ARN', () => {
    expect(
      eventsPermissions(request('PutTargets', { Rule: 'r', EventBusName: 'app-bus' }), scope),
    ).toEqual([
      {
        action: 'events:PutTargets',
        resources: ['arn:aws:events:us-east-1:000000000000:rule/app-bus/r'],
      },
    ]);
  });
});
