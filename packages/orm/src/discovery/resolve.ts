import {
  DiscoveryVariables,
  EVENT_BUS_LOGICAL_NAME,
  physicalName,
  tableEnvVar,
} from './variables.js';

/** The environment to read; `process.env` unless a test passes its own. */
export type DiscoveryEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * The physical table name for a definition: the explicit name, else `DAVINCI_TABLE_<LOGICAL>`,
 * else `physicalName(DAVINCI_APP_NAME, DAVINCI_DEPLOYMENT_ID, name)` when both are set, else the
 * logical name. Read at call time, so tests and Lambda cold starts see the current environment.
 */
export function resolveTableName(
  definition: { readonly name: string },
  explicit?: string,
  env: DiscoveryEnvironment = process.env,
): string {
  if (explicit) return explicit;
  const fromEnv = env[tableEnvVar(definition.name)];
  if (fromEnv) return fromEnv;
  const appName = env[DiscoveryVariables.appName];
  const deploymentId = env[DiscoveryVariables.deploymentId];
  if (appName && deploymentId) return physicalName(appName, deploymentId, definition.name);
  return definition.name;
}

/** Where the event bus name was found, or which variables were missing when it was not. */
export type EventBusDiscovery =
  | { readonly found: true; readonly eventBusName: string }
  | { readonly found: false; readonly missingVariables: readonly string[] };

/**
 * The bus to publish to: the explicit name → `DAVINCI_EVENT_BUS_NAME` →
 * `{DAVINCI_APP_NAME}-{DAVINCI_DEPLOYMENT_ID}-event-bus`. Never the account's `default` bus
 * unless asked for by name: the app's rules are not on it.
 */
export function discoverEventBusName(
  explicit?: string,
  env: DiscoveryEnvironment = process.env,
): EventBusDiscovery {
  if (explicit) return { found: true, eventBusName: explicit };
  const fromEnv = env[DiscoveryVariables.eventBusName];
  if (fromEnv) return { found: true, eventBusName: fromEnv };
  const appName = env[DiscoveryVariables.appName];
  const deploymentId = env[DiscoveryVariables.deploymentId];
  if (appName && deploymentId) {
    return {
      found: true,
      eventBusName: physicalName(appName, deploymentId, EVENT_BUS_LOGICAL_NAME),
    };
  }
  const missingVariables = [
    DiscoveryVariables.eventBusName,
    DiscoveryVariables.appName,
    DiscoveryVariables.deploymentId,
  ].filter((name) => !env[name]);
  return { found: false, missingVariables };
}

/** The `Source` of published events: explicit → `DAVINCI_EVENT_SOURCE` → `DAVINCI_APP_NAME` → `davinci`. */
export function resolveEventSource(
  explicit?: string,
  env: DiscoveryEnvironment = process.env,
): string {
  return (
    explicit || env[DiscoveryVariables.eventSource] || env[DiscoveryVariables.appName] || 'davinci'
  );
}
