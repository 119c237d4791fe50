// The CDK app: `pnpm synth` (or `cdk synth` / `cdklocal synth` in this folder).
import { fileURLToPath } from 'node:url';
import { type AddEventHandlerOptions, Application } from '@davinci/cdk';
import { isDeclaredEventHandler } from '@davinci/event-bus';
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { EMAIL_SENDER_VARIABLE } from '../src/email.js';
import * as handlerModule from '../src/event-handlers.js';
import { UserStatsTable, UserTable } from '../src/tables.js';

/** The address the welcome email comes from, unless the deployment names another. */
export const DEFAULT_EMAIL_SENDER = 'welcome@user-system.example.com';

export interface UserSystemProps {
  /** Which deployment: `dev`, `prod`, `pr-42`. */
  readonly deploymentId: string;
  /** Tables are destroyed with the stack when true. */
  readonly ephemeral?: boolean;
  /** Where the cloud assembly goes. Default: `CDK_OUTDIR` under the CLI, else a temporary folder. */
  readonly outdir?: string;
  /**
   * The functions' instruction set. Default: `DAVINCI_ARCHITECTURE` (`arm64` or `x86_64`) when
   * set, else arm64. LocalStack runs functions natively only for its host's architecture.
   */
  readonly architecture?: Architecture;
  /** The verified SES identity (one address) the welcome email is sent from. Default: {@link DEFAULT_EMAIL_SENDER}. */
  readonly emailSender?: string;
}

/** Options per handler beyond its declaration. */
const DEPLOYMENT: Partial<Record<handlerModule.HandlerName, Partial<AddEventHandlerOptions>>> = {
  // Both stats handlers write the one stats item: two batches in flight each keep the optimistic
  // writes' collisions rare (2 is the least Lambda's MaximumConcurrency takes).
  handleUserActivated: { maxConcurrency: 2 },
  handleAnyUserEvent: { maxConcurrency: 2 },
};

export function buildApp(props: UserSystemProps): Application {
  const app = new Application({
    appName: 'user-system',
    deploymentId: props.deploymentId,
    enableEventBus: true,
    ...(props.ephemeral !== undefined && { ephemeral: props.ephemeral }),
    ...(props.outdir !== undefined && { outdir: props.outdir }),
  });
  app.addTable(UserTable);
  app.addTable(UserStatsTable);
  const architecture = props.architecture ?? architectureFromEnvironment();
  const sender = props.emailSender ?? DEFAULT_EMAIL_SENDER;
  const identity = new EmailIdentity(app.handlersStack, 'WelcomeEmailSender', {
    identity: Identity.email(sender),
  });

  // Every handler the module exports, as it declares itself: subscription, tables, idempotency.
  const entry = fileURLToPath(new URL('../src/event-handlers.ts', import.meta.url));
  for (const [exportName, handler] of Object.entries(handlerModule)) {
    if (!isDeclaredEventHandler(handler)) continue;
    const sendsEmail = exportName === 'handleUserCreated';
    const deployed = app.addEventHandler({
      entry,
      handler: exportName,
      declaration: handler,
      deadLetterQueue: true,
      architecture,
      ...DEPLOYMENT[exportName as handlerModule.HandlerName],
      ...(sendsEmail && { environment: { [EMAIL_SENDER_VARIABLE]: sender } }),
    });
    if (sendsEmail) {
      // Least privilege: sending, from the one verified identity.
      deployed.handlerFunction.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [
            Stack.of(identity).formatArn({
              service: 'ses',
              resource: 'identity',
              resourceName: identity.emailIdentityName,
            }),
          ],
        }),
      );
    }
  }
  return app;
}

function architectureFromEnvironment(): Architecture {
  const value = process.env.DAVINCI_ARCHITECTURE;
  if (value === undefined || value === '' || value === 'arm64') return Architecture.ARM_64;
  if (value === 'x86_64') return Architecture.X86_64;
  throw new Error(`DAVINCI_ARCHITECTURE must be arm64 or x86_64; got ${JSON.stringify(value)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildApp({ deploymentId: process.env.DAVINCI_DEPLOYMENT_ID ?? 'dev' }).synth();
}
