import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectServing, FORM, type SqsHarness, startSqs } from './__tests__/harness.js';
import { parseXmlDocument, textsOf } from './__tests__/xml-document.js';

let sandbox: SqsHarness;
let queueUrl: string;
beforeAll(async () => {
  sandbox = await startSqs();
  const created = await sandbox.query({ Action: 'CreateQueue', QueueName: 'decoding' });
  queueUrl = textsOf(parseXmlDocument(created.xml), 'QueueUrl')[0] ?? '';
});
afterAll(() => sandbox.close());

/** Status, query-protocol error code and message of an answer that must be well-formed XML. */
async function postForm(body: string) {
  const answer = await sandbox.post(body, FORM);
  const document = parseXmlDocument(answer.text);
  return {
    status: answer.status,
    contentType: answer.contentType,
    root: document.name,
    code: textsOf(document, 'Code')[0],
    message: textsOf(document, 'Message')[0] ?? '',
  };
}

const sendMessage = () =>
  `Action=SendMessage&Version=2012-11-05&QueueUrl=${encodeURIComponent(queueUrl)}&MessageBody=hi`;

describe('query-protocol decoding of hostile requests', () => {
  it('refuses a parameter name of 100,000 parts with InvalidParameterValue, and keeps serving', async () => {
    const answer = await postForm(`${sendMessage()}&${'a.'.repeat(100_000)}b=1`);
    expect(answer).toMatchObject({
      status: 400,
      contentType: 'text/xml',
      root: 'ErrorResponse',
      code: 'InvalidParameterValue',
    });
    expect(answer.message).toContain('a.a.a.a.');
    expect(answer.message).toContain('at most 8 dot-separated parts');
    await expectServing(sandbox);
  });

  it('takes a name of 8 parts and refuses one of 9', async () => {
    const eight = await postForm(`${sendMessage()}&a.b.c.d.e.f.g.h=1`);
    expect(eight).toMatchObject({ status: 200, root: 'SendMessageResponse' });
    const nine = await postForm(`${sendMessage()}&a.b.c.d.e.f.g.h.i=1`);
    expect(nine).toMatchObject({ status: 400, code: 'InvalidParameterValue' });
    expect(nine.message).toBe(
      'The parameter a.b.c.d.e.f.g.h.i is invalid. Reason: a parameter name may have at most 8 dot-separated parts.',
    );
    await expectServing(sandbox);
  });

  it('takes 1,000 parameters and refuses 1,001, naming the first one too many', async () => {
    // Action, Version, QueueUrl and MessageBody are 4 of them.
    const filler = (count: number) =>
      Array.from({ length: count }, (_, index) => `p${index}=1`).join('&');
    const most = await postForm(`${sendMessage()}&${filler(996)}`);
    expect(most).toMatchObject({ status: 200, root: 'SendMessageResponse' });
    const tooMany = await postForm(`${sendMessage()}&${filler(997)}`);
    expect(tooMany).toMatchObject({ status: 400, code: 'InvalidParameterValue' });
    expect(tooMany.message).toBe(
      'The parameter p996 is invalid. Reason: a request may have at most 1000 parameters.',
    );
    await expectServing(sandbox);
  });

  it('answers an unknown Action with InvalidAction in XML', async () => {
    const answer = await postForm('Action=FlyToTheMoon&Version=2012-11-05');
    expect(answer).toEqual({
      status: 400,
      contentType: 'text/xml',
      root: 'ErrorResponse',
      code: 'InvalidAction',
      message: 'The action FlyToTheMoon is not valid for this endpoint.',
    });
    await expectServing(sandbox);
  });

  it('answers a QueueUrl with a broken escape (%ZZ) with InvalidAddress, not a 500', async () => {
    const url = `${sandbox.edge.endpoint}/000000000000/bad%ZZname`;
    const answer = await postForm(
      `Action=SendMessage&QueueUrl=${encodeURIComponent(url)}&MessageBody=hi`,
    );
    expect(answer).toEqual({
      status: 404,
      contentType: 'text/xml',
      root: 'ErrorResponse',
      code: 'InvalidAddress',
      message: `The address ${url} is not valid for this endpoint.`,
    });
    await expectServing(sandbox);
  });
});
