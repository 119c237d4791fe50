// The CDK app: `pnpm synth` (or `cdk synth` / `cdklocal synth` in this folder).
import { fileURLToPath } from 'node:url';
import { Application } from '@davinci/cdk';
import { isDeclaredEventHandler } from '@davinci/event-bus';
import * as handlerModule from '../src/event-handlers.js';
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
  // Every handler the module exports, as it declares itself: subscription, tables, idempotency.
  const entry = fileURLToPath(new URL('../src/event-handlers.ts', import.meta.url));
  for (const [exportName, handler] of Object.entries(handlerModule)) {
    if (!isDeclaredEventHandler(handler)) continue;
    app.addEventHandler({
      entry,
      handler: exportName,
      declaration: handler,
      deadLetterQueue: true,
    });
  }
  return app;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildApp({ deploymentId: process.env.DAVINCI_DEPLOYMENT_ID ?? 'dev' }).synth();
}
