/** Where the service runs: every ARN it mints carries these. */
export interface EventsScope {
  readonly region: string;
  readonly accountId: string;
}

export const DEFAULT_BUS_NAME = 'default';

export function eventBusArn(scope: EventsScope, busName: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:event-bus/${busName}`;
}

/** Rules on the default bus have no bus segment, as in AWS: `rule/<name>`. */
export function ruleArn(scope: EventsScope, busName: string, ruleName: string): string {
  const path = busName === DEFAULT_BUS_NAME ? ruleName : `${busName}/${ruleName}`;
  return `arn:aws:events:${scope.region}:${scope.accountId}:rule/${path}`;
}

/** `EventBusName` parameters accept a name or an ARN; both resolve to the name. */
export function busNameOf(nameOrArn: string | undefined): string {
  if (!nameOrArn) return DEFAULT_BUS_NAME;
  const marker = ':event-bus/';
  const at = nameOrArn.indexOf(marker);
  return nameOrArn.startsWith('arn:') && at >= 0 ? nameOrArn.slice(at + marker.length) : nameOrArn;
}

/** The service part of an ARN (`sqs`, `lambda`, …), or undefined when it is not an ARN. */
export function arnService(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts[0] === 'arn' && parts.length >= 6 ? parts[2] : undefined;
}
