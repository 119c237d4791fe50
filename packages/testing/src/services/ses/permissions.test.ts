import { describe, expect, it } from 'vitest';
import { systemClock } from '../../clock.js';
import type { ServiceRequest } from '../../edge/service.js';
import { createSesService } from './service.js';

const request = (method: string, path: string, body?: object, query = ''): ServiceRequest => ({
  method,
  path,
  query: new URLSearchParams(query),
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(body ? JSON.stringify(body) : ''),
});

const sendFrom = (from: string, extra: object = {}) =>
  request('POST', '/v2/email/outbound-emails', {
    FromEmailAddress: from,
    Destination: { ToAddresses: ['ada@users.example'] },
    Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
    ...extra,
  });

describe('the IAM permissions SES requests need', () => {
  const service = createSesService({ clock: systemClock });
  service.inspector.verifyIdentity('shop.example');
  service.inspector.verifyIdentity('owner@solo.example');
  const permissions = (req: ServiceRequest) => service.permissions?.(req);

  it('SendEmail needs ses:SendEmail on the identity that verified the sender', () => {
    expect(permissions(sendFrom('"Shop" <noreply@shop.example>'))).toEqual([
      {
        action: 'ses:SendEmail',
        resources: ['arn:aws:ses:us-east-1:000000000000:identity/shop.example'],
      },
    ]);
    expect(permissions(sendFrom('owner@solo.example'))).toEqual([
      {
        action: 'ses:SendEmail',
        resources: ['arn:aws:ses:us-east-1:000000000000:identity/owner@solo.example'],
      },
    ]);
  });

  it('SendEmail from an unverified sender names the address, and a configuration set too', () => {
    expect(permissions(sendFrom('x@other.example', { ConfigurationSetName: 'tracking' }))).toEqual([
      {
        action: 'ses:SendEmail',
        resources: [
          'arn:aws:ses:us-east-1:000000000000:identity/x@other.example',
          'arn:aws:ses:us-east-1:000000000000:configuration-set/tracking',
        ],
      },
    ]);
  });

  it('the identity operations need their own action on the identity, listing on *', () => {
    expect(
      permissions(request('POST', '/v2/email/identities', { EmailIdentity: 'new.example' })),
    ).toEqual([
      {
        action: 'ses:CreateEmailIdentity',
        resources: ['arn:aws:ses:us-east-1:000000000000:identity/new.example'],
      },
    ]);
    expect(permissions(request('DELETE', '/v2/email/identities/a%40b.example'))).toEqual([
      {
        action: 'ses:DeleteEmailIdentity',
        resources: ['arn:aws:ses:us-east-1:000000000000:identity/a@b.example'],
      },
    ]);
    expect(permissions(request('GET', '/v2/email/identities/b.example'))).toEqual([
      {
        action: 'ses:GetEmailIdentity',
        resources: ['arn:aws:ses:us-east-1:000000000000:identity/b.example'],
      },
    ]);
    expect(permissions(request('GET', '/v2/email/identities'))).toEqual([
      { action: 'ses:ListEmailIdentities', resources: ['*'] },
    ]);
  });

  it('a request too malformed to name its resources, or the sandbox’s own route, needs nothing', () => {
    expect(permissions(request('POST', '/v2/email/outbound-emails', { Content: {} }))).toEqual([]);
    expect(permissions(request('GET', '/_aws/ses'))).toEqual([]);
    expect(permissions(request('PUT', '/v2/email/unknown'))).toEqual([]);
  });
});
