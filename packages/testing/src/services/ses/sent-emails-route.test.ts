import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox.js';
import { startSesSandbox } from './__tests__/sandbox.js';

let sandbox: Sandbox;
let ses: SESv2Client;
beforeAll(async () => {
  ({ sandbox, ses } = await startSesSandbox());
  sandbox.ses.verifyIdentity('shop.example');
});
afterAll(async () => {
  ses.destroy();
  await sandbox.stop();
});
beforeEach(() => sandbox.ses.clear());

async function send(from: string, subject: string): Promise<string> {
  const { MessageId } = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: ['ada@users.example'], CcAddresses: ['cc@users.example'] },
      Content: {
        Simple: { Subject: { Data: subject }, Body: { Text: { Data: `${subject} text` } } },
      },
    }),
  );
  return MessageId ?? '';
}

const get = async (query = '') => {
  const response = await fetch(`${sandbox.endpoint}/_aws/ses${query}`);
  return { status: response.status, body: (await response.json()) as { messages: unknown[] } };
};

describe('GET /_aws/ses', () => {
  it('lists the sent emails in LocalStack’s shape', async () => {
    const id = await send('noreply@shop.example', 'Welcome');
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body).toEqual({
      messages: [
        {
          Id: id,
          Region: 'us-east-1',
          Destination: {
            ToAddresses: ['ada@users.example'],
            CcAddresses: ['cc@users.example'],
            BccAddresses: [],
          },
          Source: 'noreply@shop.example',
          Subject: 'Welcome',
          Body: { text_part: 'Welcome text', html_part: null },
          Timestamp: sandbox.ses.messages()[0]?.sentAt.toISOString(),
        },
      ],
    });
  });

  it('filters by id and by sender, and DELETE forgets one or all', async () => {
    const first = await send('a@shop.example', 'one');
    const second = await send('b@shop.example', 'two');
    await send('A@shop.example', 'three');
    const subjects = (body: { messages: unknown[] }) =>
      body.messages.map((message) => (message as { Subject: string }).Subject);
    expect(subjects((await get(`?id=${second}`)).body)).toEqual(['two']);
    expect(subjects((await get('?email=a%40shop.example')).body)).toEqual(['one', 'three']);
    expect(subjects((await get('?email=nobody%40shop.example')).body)).toEqual([]);

    const deleted = await fetch(`${sandbox.endpoint}/_aws/ses?id=${first}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(subjects((await get()).body)).toEqual(['two', 'three']);
    await fetch(`${sandbox.endpoint}/_aws/ses`, { method: 'DELETE' });
    expect((await get()).body).toEqual({ messages: [] });
    expect(sandbox.ses.messages()).toEqual([]);
  });

  it('refuses other methods, repeated or oversized filters, and browser pages', async () => {
    const post = await fetch(`${sandbox.endpoint}/_aws/ses`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('x-amzn-errortype')).toBe('MethodNotAllowed');
    const repeated = await fetch(`${sandbox.endpoint}/_aws/ses?id=a&id=b`);
    expect(repeated.status).toBe(400);
    expect(await repeated.json()).toEqual({
      message: 'id: give it once, at most 1024 characters long',
    });
    const long = await fetch(`${sandbox.endpoint}/_aws/ses?email=${'x'.repeat(1025)}`);
    expect(long.status).toBe(400);
    const fromPage = await fetch(`${sandbox.endpoint}/_aws/ses`, {
      method: 'DELETE',
      headers: { origin: 'http://evil.example' },
    });
    expect(fromPage.status).toBe(403);
  });
});
