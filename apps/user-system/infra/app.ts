// The CDK app: `pnpm synth` (or `cdk synth` / `cdklocal synth` in this folder).
import { fileURLToPath } from 'node:url';
import { Application } from '@davinci/cdk';
import { HANDLER_ENTRY, subscriptions } from '../src/subscriptions.js';
import { UserStatsTable, UserTable } from '../src/tables.js';

export interface UserSystemProps {
  /** Which deployment: `dev`, `prod`, `pr-42`. */
  readonly deploymentId: string;
  /** Tables are destroyed with the stack when true. */
  readonly ephemeral?: boolean;
  /** Where the cloud assembly goes. Default: `CDK_OUTDIR` under the CLI, else a temporary folder. */
  readonly outdir?: string;
}

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
  const entry = fileURLToPath(new URL(`../${HANDLER_ENTRY}`, import.meta.url));
  for (const subscription of subscriptions) {
    app.addEventHandler({
      eventType: subscription.eventType,
      entry,
      handler: subscription.handler,
      deadLetterQueue: true,
      idempotency: subscription.idempotency,
      tables: Object.fromEntries(subscription.writes.map((table) => [table, 'readWrite'])),
    });
  }
  return app;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildApp({ deploymentId: process.env.DAVINCI_DEPLOYMENT_ID ?? 'dev' }).synth();
}
