/**
 * Resource discovery: runtime code never hard-codes physical table names. The CDK sets
 * `DAVINCI_TABLE_<LOGICAL>` on every function; without it, the naming convention
 * `{appName}-{deploymentId}-{logicalName}` applies; without that, the logical name itself.
 */

/** `${appName}-${deploymentId}-${logicalName}`, the physical name of every deployed resource. */
export function physicalName(appName: string, deploymentId: string, logicalName: string): string {
  return `${appName}-${deploymentId}-${logicalName}`;
}

/** The variable carrying a table's physical name: `users` → `DAVINCI_TABLE_USERS`. */
export function tableEnvVar(logicalName: string): string {
  return `DAVINCI_TABLE_${logicalName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * The physical table name for a definition: the explicit name, else `DAVINCI_TABLE_<LOGICAL>`,
 * else `physicalName(DAVINCI_APP_NAME, DAVINCI_DEPLOYMENT_ID, name)` when both are set, else the
 * logical name. Read at call time, so tests and Lambda cold starts see the current environment.
 */
export function resolveTableName(definition: { readonly name: string }, explicit?: string): string {
  if (explicit) return explicit;
  const fromEnv = process.env[tableEnvVar(definition.name)];
  if (fromEnv) return fromEnv;
  const appName = process.env.DAVINCI_APP_NAME;
  const deploymentId = process.env.DAVINCI_DEPLOYMENT_ID;
  if (appName && deploymentId) return physicalName(appName, deploymentId, definition.name);
  return definition.name;
}
