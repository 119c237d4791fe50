import type { FunctionIdentity } from './registry.js';

/** The idempotency table's logical name, as `@davinci/event-bus` defines it. */
const IDEMPOTENCY_TABLE = 'davinci_idempotency';

const READ_ACTIONS = new Set([
  'dynamodb:batchgetitem',
  'dynamodb:conditioncheckitem',
  'dynamodb:describetable',
  'dynamodb:getitem',
  'dynamodb:query',
  'dynamodb:scan',
]);

/**
 * For a function of a `@davinci/cdk` application (it carries `DAVINCI_APP_NAME` and
 * `DAVINCI_DEPLOYMENT_ID`): the handler option that grants what was denied, when it can be
 * told from the resource's physical name (`{appName}-{deploymentId}-{logicalName}`).
 */
export function davinciHint(
  fn: FunctionIdentity,
  action: string,
  resource: string,
): string | undefined {
  const appName = fn.environment.DAVINCI_APP_NAME;
  const deploymentId = fn.environment.DAVINCI_DEPLOYMENT_ID;
  if (appName === undefined || deploymentId === undefined) return undefined;
  const prefix = `${appName}-${deploymentId}-`;
  const lowerAction = action.toLowerCase();
  if (lowerAction.startsWith('dynamodb:')) {
    const table = /:table\/([^/]+)/.exec(resource)?.[1];
    if (table === undefined || !table.startsWith(prefix)) return undefined;
    const logicalName = table.slice(prefix.length);
    if (logicalName === IDEMPOTENCY_TABLE) return 'idempotency: true';
    const access = READ_ACTIONS.has(lowerAction) ? 'read' : 'readWrite';
    return `tables: { ${logicalName}: '${access}' }`;
  }
  if (lowerAction === 'events:putevents' && resource.endsWith(`:event-bus/${prefix}event-bus`)) {
    return 'publishes: true';
  }
  return undefined;
}
