import type { SandboxClock } from '../../../clock.js';
import type { ServiceRequest } from '../../../edge/service.js';
import type { IdentityStore } from '../models/identities.js';
import type { Outbox } from '../models/outbox.js';

/** What every SES operation works with. */
export interface SesContext {
  readonly identities: IdentityStore;
  readonly outbox: Outbox;
  readonly clock: SandboxClock;
  readonly region: string;
  readonly accountId: string;
}

/** One SES v2 operation: validates its request, acts, and answers the JSON output. */
export type SesOperation = (
  context: SesContext,
  request: ServiceRequest,
  pathParameters: readonly string[],
) => object;
