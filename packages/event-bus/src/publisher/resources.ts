import { type DiscoveryEnvironment, discoverEventBusName } from '@davinci/orm/discovery';
import { EventBusNotConfiguredError } from './errors.js';

/**
 * The bus to publish to, found by `@davinci/orm/discovery`'s rule (explicit → the CDK's
 * `DAVINCI_EVENT_BUS_NAME` → `{DAVINCI_APP_NAME}-{DAVINCI_DEPLOYMENT_ID}-event-bus`). Throws
 * `EventBusNotConfiguredError` when none applies: the account's `default` bus is used only when
 * asked for by name, since the app's rules are not on it and events sent there would be dropped.
 */
export function resolveEventBusName(
  explicit?: string,
  env: DiscoveryEnvironment = process.env,
): string {
  const discovery = discoverEventBusName(explicit, env);
  if (!discovery.found) throw new EventBusNotConfiguredError(discovery.missingVariables);
  return discovery.eventBusName;
}
