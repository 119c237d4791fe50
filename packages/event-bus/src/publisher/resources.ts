import { physicalName } from '@davinci/orm';
import { EventBusNotConfiguredError } from './errors.js';

/** The bus's logical name in the `{appName}-{deploymentId}-{logicalName}` convention. */
export const EVENT_BUS_LOGICAL_NAME = 'event-bus';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The bus to publish to: the explicit name → `DAVINCI_EVENT_BUS_NAME` (set by `@davinci/cdk`) →
 * `{DAVINCI_APP_NAME}-{DAVINCI_DEPLOYMENT_ID}-event-bus`. Throws `EventBusNotConfiguredError`
 * when none applies: the account's `default` bus is used only when asked for by name, since the
 * app's rules are not on it and events sent there would be dropped without a trace.
 */
export function resolveEventBusName(explicit?: string, env: Env = process.env): string {
  if (explicit) return explicit;
  if (env.DAVINCI_EVENT_BUS_NAME) return env.DAVINCI_EVENT_BUS_NAME;
  if (env.DAVINCI_APP_NAME && env.DAVINCI_DEPLOYMENT_ID) {
    return physicalName(env.DAVINCI_APP_NAME, env.DAVINCI_DEPLOYMENT_ID, EVENT_BUS_LOGICAL_NAME);
  }
  const missing = ['DAVINCI_EVENT_BUS_NAME', 'DAVINCI_APP_NAME', 'DAVINCI_DEPLOYMENT_ID'].filter(
    (name) => !env[name],
  );
  throw new EventBusNotConfiguredError(missing);
}

/** The `Source` of published events: explicit → `DAVINCI_EVENT_SOURCE` → `DAVINCI_APP_NAME` → `davinci`. */
export function resolveEventSource(explicit?: string, env: Env = process.env): string {
  return explicit || env.DAVINCI_EVENT_SOURCE || env.DAVINCI_APP_NAME || 'davinci';
}
