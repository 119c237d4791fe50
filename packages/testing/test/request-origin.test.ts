import { request } from 'node:http';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { sdkClients } from './support/clients.js';

let sandbox: Sandbox;
let clients: ReturnType<typeof sdkClients>;

beforeAll(async () => {
  sandbox = await startSandbox({ dynamodb: false, allowedOrigins: ['http://localhost:5173'] });
  clients = sdkClients(sandbox);
});
afterAll(() => sandbox?.stop());

/** A form POST that creates a queue, as a web page could send it; `headers` says who sends it. */
function createQueueForm(name: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const body = new URLSearchParams({ Action: 'CreateQueue', QueueName: name }).toString();
    const outgoing = request(
      `${sandbox.endpoint}/`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      },
      (incoming) => {
        let text = '';
        incoming.on('data', (chunk) => {
          text += chunk;
        });
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const queueNames = async () => {
  const { QueueUrls = [] } = await clients.sqs.send(new ListQueuesCommand({}));
  return QueueUrls.map((url) => url.split('/').at(-1));
};

describe('requests a browser or a rebound name sends', () => {
  it.each([
    ['another origin', { origin: 'http://evil.example' }],
    ['a cross-site fetch without origin', { 'sec-fetch-site': 'cross-site' }],
    ['another localhost port as origin', { origin: 'http://localhost:9999' }],
    ['a name that rebinds to 127.0.0.1', { host: 'rebind.evil.example' }],
    ['a private address as host', { host: '192.168.1.10:4566' }],
  ])('refuses %s with a 403 and creates nothing', async (_, headers) => {
    const answer = await createQueueForm('from-a-page', headers);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ __type: 'AccessDeniedException' });
    expect(await queueNames()).not.toContain('from-a-page');
    // and the sandbox still serves SDK clients
    expect(await queueNames()).toEqual(expect.any(Array));
  });

  it.each([
    ['an opted-in origin', { origin: 'http://localhost:5173', 'sec-fetch-site': 'same-site' }],
    ['its own origin', { 'sec-fetch-site': 'same-origin' }],
    ['a localhost host name', { host: 'localhost' }],
    ['a *.localhost host name', { host: 'app.localhost:1234' }],
    ['the IPv6 loopback', { host: '[::1]:4566' }],
    ['a request typed by the user', { 'sec-fetch-site': 'none' }],
  ])('serves %s', async (label, headers) => {
    const name = `allowed-${label.replace(/[^a-z0-9]+/gi, '-')}`;
    const answer = await createQueueForm(name, headers);
    expect(answer.status).toBe(200);
    expect(await queueNames()).toContain(name);
  });

  it('serves its own origin as the browser sends it', async () => {
    const answer = await createQueueForm('own-origin', { origin: sandbox.endpoint });
    expect(answer.status).toBe(200);
  });
});
