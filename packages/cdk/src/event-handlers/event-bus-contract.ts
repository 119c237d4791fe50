// TEMPORARY: mirrors @davinci/event-bus's toEventPattern until its build exposes it.
export type EventPatternSubscription = string | readonly string[] | Record<string, unknown>;
function one(type: string): unknown {
  return type.endsWith('*') ? { prefix: type.slice(0, -1) } : type;
}
export function toEventPattern(subscription: EventPatternSubscription): Record<string, unknown> {
  if (typeof subscription === 'string') return { 'detail-type': [one(subscription)] };
  if (Array.isArray(subscription)) return { 'detail-type': subscription.map(one) };
  return subscription as Record<string, unknown>;
}
