/** An event as EventBridge delivers it to targets and as patterns see it. */
export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO 8601, second precision: `2026-01-01T12:00:00Z`. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** `2026-01-01T12:00:00Z` — EventBridge drops the milliseconds. */
export function eventTime(epochMs: number): string {
  return `${new Date(Math.floor(epochMs / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
