import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceleratedClock, type Sandbox, startSandbox } from '@davinci/testing';
import { buildApp } from '../../infra/app.js';

/** An email as the suite reads it back, on either target. */
export interface RecordedEmail {
  readonly to: readonly string[];
  readonly from: string;
  readonly subject: string | undefined;
}

/**
 * Where the end-to-end suite runs: the sandbox (default), or LocalStack when
 * `DAVINCI_E2E_TARGET=localstack` (after `pnpm localstack:deploy`). The tests only use what
 * both offer: the AWS APIs at `endpoint`, and the sent emails.
 */
export interface E2eTarget {
  readonly name: 'sandbox' | 'localstack';
  /** What the app's clients need: endpoint, region, credentials, table and bus names. */
  readonly env: Readonly<Record<string, string>>;
  /** The deployment id the app was deployed under. */
  readonly deploymentId: string;
  /** Every email SES accepted, in send order. */
  emails(): Promise<readonly RecordedEmail[]>;
  /** Forgets the recorded emails. */
  clearEmails(): Promise<void>;
  /** Makes SES refuse mail to `address` (sandbox only: LocalStack cannot), or accept it again. */
  readonly refusals?: { refuse(address: string): void; accept(address: string): void };
  /** The calls IAM refused so far, as `action on resource` (the sandbox enforces the deployed policies). */
  readonly iamDenials?: () => readonly string[];
  /** What a deployed function printed, when the target captures it (the sandbox does). */
  readonly functionLines?: (functionName: string) => readonly string[];
  stop(): Promise<void>;
}

export const LOCALSTACK_ENDPOINT = process.env.LOCALSTACK_ENDPOINT ?? 'http://localhost:4566';

/** The target the environment names, deployed and ready; undefined when it is not reachable. */
export async function startTarget(): Promise<E2eTarget | undefined> {
  const wanted = process.env.DAVINCI_E2E_TARGET ?? 'sandbox';
  if (wanted === 'sandbox') return startSandboxTarget();
  if (wanted === 'localstack') return localStackTarget();
  throw new Error(`DAVINCI_E2E_TARGET must be sandbox or localstack; got ${wanted}`);
}

async function startSandboxTarget(): Promise<E2eTarget> {
  const deploymentId = 'e2e';
  const outdir = mkdtempSync(join(tmpdir(), 'user-system-e2e-'));
  // Visibility timeouts (180 s) pass 30× fast, so retries and dead-lettering take seconds.
  // IAM enforced, as in AWS: a grant the app lacks fails the suite.
  const sandbox: Sandbox = await startSandbox({ clock: acceleratedClock(30), iam: 'enforce' });
  try {
    const app = buildApp({ deploymentId, ephemeral: true, outdir });
    await sandbox.deploy(app.synth().directory);
  } catch (error) {
    await sandbox.stop();
    rmSync(outdir, { recursive: true, force: true });
    throw error;
  }
  return {
    name: 'sandbox',
    deploymentId,
    env: { ...sandbox.env, DAVINCI_APP_NAME: 'user-system', DAVINCI_DEPLOYMENT_ID: deploymentId },
    emails: async () =>
      sandbox.ses.messages().map(({ to, from, subject }) => ({ to, from, subject })),
    clearEmails: async () => sandbox.ses.clear(),
    refusals: {
      refuse: (address) => sandbox.ses.refuse(address),
      accept: (address) => sandbox.ses.accept(address),
    },
    iamDenials: () =>
      sandbox.iam.denials().map((denial) => `${denial.action} on ${denial.resource}`),
    functionLines: (functionName) => sandbox.lambda.logs(functionName).map((entry) => entry.line),
    stop: async () => {
      await sandbox.stop();
      rmSync(outdir, { recursive: true, force: true });
    },
  };
}

interface LocalStackSesMessage {
  readonly Destination?: { readonly ToAddresses?: readonly string[] };
  readonly Source?: string;
  readonly Subject?: string;
}

async function localStackTarget(): Promise<E2eTarget | undefined> {
  const health = await fetch(`${LOCALSTACK_ENDPOINT}/_localstack/health`, {
    signal: AbortSignal.timeout(2_000),
  }).catch(() => undefined);
  if (!health?.ok) return undefined;
  const deploymentId = process.env.DAVINCI_DEPLOYMENT_ID ?? 'localstack';
  return {
    name: 'localstack',
    deploymentId,
    env: {
      AWS_ENDPOINT_URL: LOCALSTACK_ENDPOINT,
      AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      DAVINCI_APP_NAME: 'user-system',
      DAVINCI_DEPLOYMENT_ID: deploymentId,
    },
    emails: async () => {
      const response = await fetch(`${LOCALSTACK_ENDPOINT}/_aws/ses`);
      const { messages } = (await response.json()) as { messages: LocalStackSesMessage[] };
      return messages.map((message) => ({
        to: message.Destination?.ToAddresses ?? [],
        from: message.Source ?? '',
        subject: message.Subject,
      }));
    },
    clearEmails: async () => {
      await fetch(`${LOCALSTACK_ENDPOINT}/_aws/ses`, { method: 'DELETE' });
    },
    stop: async () => {},
  };
}
