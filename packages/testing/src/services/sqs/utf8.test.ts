import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectServing, jsonHeaders, type SqsHarness, startSqs } from './__tests__/harness.js';
import { parseXmlDocument, textsOf } from './__tests__/xml-document.js';

// Bytes that are not UTF-8 are refused, never stored as U+FFFD the caller did not send.

let sandbox: SqsHarness;
beforeAll(async () => {
  sandbox = await startSqs();
});
afterAll(() => sandbox.close());

const post = (body: Buffer | string, headers: Record<string, string>) =>
  fetch(`${sandbox.edge.endpoint}/`, { method: 'POST', headers, body });

describe('a request that is not UTF-8', () => {
  it('is MalformedQueryString in XML when a form byte or %-escape does not decode', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    for (const body of [
      'Action=CreateQueue&QueueName=bad%FFname',
      Buffer.concat([Buffer.from('Action=CreateQueue&QueueName=raw'), Buffer.from([0xc3, 0x28])]),
    ]) {
      const response = await post(body, form);
      expect(response.status).toBe(400);
      expect(textsOf(parseXmlDocument(await response.text()), 'Code')).toEqual([
        'MalformedQueryString',
      ]);
    }
    const listed = await sandbox.query({ Action: 'ListQueues' });
    expect(textsOf(parseXmlDocument(listed.xml), 'QueueUrl')).toEqual([]);
    await expectServing(sandbox);
  });

  it('is a SerializationException over JSON', async () => {
    const body = Buffer.concat([
      Buffer.from('{"QueueName":"bad'),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
    const response = await post(body, jsonHeaders('CreateQueue'));
    expect(response.status).toBe(400);
    expect((await response.json()) as { __type: string }).toMatchObject({
      __type: expect.stringContaining('SerializationException'),
    });
    await expectServing(sandbox);
  });

  it('keeps valid multi-byte text as sent', async () => {
    const created = await sandbox.query({ Action: 'CreateQueue', QueueName: 'utf8' });
    const [QueueUrl = ''] = textsOf(parseXmlDocument(created.xml), 'QueueUrl');
    const body = 'caf\u00e9 \u{1F600}';
    expect(
      (await sandbox.query({ Action: 'SendMessage', QueueUrl, MessageBody: body })).status,
    ).toBe(200);
    const received = await sandbox.query({ Action: 'ReceiveMessage', QueueUrl });
    expect(textsOf(parseXmlDocument(received.xml), 'Body')).toEqual([body]);
  });
});
