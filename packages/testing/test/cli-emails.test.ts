import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { CLI } from './support/cli-process.js';

/** `davinci-sandbox emails`, the built bin, against a sandbox this test runs. */
const run = (args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
  promisify(execFile)(process.execPath, [CLI, ...args], {
    timeout: 30_000,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);

let sandbox: Sandbox;
let ses: SESv2Client;
beforeAll(async () => {
  sandbox = await startSandbox({ dynamodb: false });
  ses = new SESv2Client({
    endpoint: sandbox.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  ses.destroy();
  await sandbox.stop();
});

describe('davinci-sandbox emails', () => {
  it('says when nothing was sent, then prints each email as a row', async () => {
    const empty = await run(['emails', '--endpoint', sandbox.endpoint]);
    expect({ stdout: empty.stdout, stderr: empty.stderr }).toEqual({
      stdout: 'no emails sent\n',
      stderr: '',
    });

    sandbox.ses.verifyIdentity('shop.example');
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@shop.example',
        Destination: { ToAddresses: ['ada@users.example'], BccAddresses: ['audit@shop.example'] },
        Content: { Simple: { Subject: { Data: 'Welcome' }, Body: { Text: { Data: 'Hi' } } } },
      }),
    );
    const sentAt = sandbox.ses.messages()[0]?.sentAt.toISOString() ?? '';
    // The endpoint from the environment, as SDKs find it.
    const table = await run(['emails'], { AWS_ENDPOINT_URL: sandbox.endpoint });
    expect(table.stderr).toBe('');
    expect(table.stdout.split('\n')).toEqual([
      `SENT${' '.repeat(sentAt.length - 4)}  FROM                  TO                                         SUBJECT`,
      `${sentAt}  noreply@shop.example  ada@users.example, bcc:audit@shop.example  Welcome`,
      '1 email(s)',
      '',
    ]);
  });

  it('prints the JSON of GET /_aws/ses with --json', async () => {
    const { stdout, stderr } = await run(['emails', '--json', '--endpoint', sandbox.endpoint]);
    expect(stderr).toBe('');
    const [message] = sandbox.ses.messages();
    expect(JSON.parse(stdout)).toEqual({
      messages: [
        {
          Id: message?.messageId,
          Region: 'us-east-1',
          Destination: {
            ToAddresses: ['ada@users.example'],
            CcAddresses: [],
            BccAddresses: ['audit@shop.example'],
          },
          Source: 'noreply@shop.example',
          Subject: 'Welcome',
          Body: { text_part: 'Hi', html_part: null },
          Timestamp: message?.sentAt.toISOString(),
        },
      ],
    });
  });

  it('says when no sandbox answers, with exit code 1, and lists the command in --help', async () => {
    const missing = await run(['emails', '--endpoint', 'http://127.0.0.1:9']);
    expect((missing as { code?: number }).code).toBe(1);
    expect(missing.stderr).toMatch(
      /^davinci-sandbox: no sandbox answers at http:\/\/127\.0\.0\.1:9 \(.+\); start one with `davinci-sandbox start`\n$/,
    );
    const help = await run(['--help']);
    expect(help.stdout).toMatch(
      /^ {2}emails \[options\] +print the emails a running sandbox's SES sent$/m,
    );
  });
});
