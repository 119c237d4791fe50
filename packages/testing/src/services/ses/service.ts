import type { SandboxClock } from '../../clock.js';
import { SANDBOX_ACCOUNT_ID, SANDBOX_REGION, type SandboxService } from '../../edge/service.js';
import { ServiceError } from '../../edge/service-error.js';
import { InvalidEmailIdentityError } from './errors.js';
import { IdentityStore } from './models/identities.js';
import { DEFAULT_REFUSAL, Outbox, type SentEmail } from './models/outbox.js';
import { sesPermissions } from './permissions.js';
import {
  isSesRequest,
  isSesSigned,
  sesErrorResponse,
  sesErrors,
  sesResponse,
} from './protocol/rest-json.js';
import { isSentEmailsRequest, sentEmailsResponse } from './protocol/sent-emails-route.js';
import type { SesContext } from './provider/context.js';
import { checkIdentityName } from './provider/email-identities.js';
import { routeOf } from './provider/operations.js';

/** `sandbox.ses`: what tests read and steer of the emulated SES. */
export interface SesInspector {
  /** Every email SendEmail accepted, in send order. */
  messages(): readonly SentEmail[];
  /**
   * Makes later SendEmail calls with this recipient (To, Cc or Bcc) fail with a 400
   * `MessageRejected` carrying `reason` (default: `Address blacklisted.`); nothing is recorded.
   */
  refuse(address: string, reason?: string): void;
  /** Undoes `refuse()` for this address. */
  accept(address: string): void;
  /**
   * Verifies a sender identity: an address, or a domain, which covers every address at it and
   * at its subdomains. Verifying one that is verified already does nothing.
   */
  verifyIdentity(identity: string): void;
  /** Forgets the recorded messages (identities and refusals stay). */
  clear(): void;
}

export interface SesServiceOptions {
  /** The clock `sentAt` and message ids read. */
  clock: SandboxClock;
  /** Default: `us-east-1`. */
  region?: string;
  /** Default: `000000000000`. */
  accountId?: string;
}

/** The emulated SES v2 as the edge runs it, with its inspector. */
export interface SesServiceBehindEdge extends SandboxService {
  readonly name: 'ses';
  readonly inspector: SesInspector;
}

/**
 * The largest SES request taken: SES's 10 MB message limit, base64-encoded (4/3 of it) in a
 * JSON body, with room for the rest of the request.
 */
const MAX_BODY_BYTES = 14_000_000;

export function createSesService(options: SesServiceOptions): SesServiceBehindEdge {
  const region = options.region ?? SANDBOX_REGION;
  const accountId = options.accountId ?? SANDBOX_ACCOUNT_ID;
  const context: SesContext = {
    identities: new IdentityStore(),
    outbox: new Outbox(),
    clock: options.clock,
    region,
    accountId,
  };
  const inspector: SesInspector = {
    messages: () => context.outbox.messages(),
    refuse: (address, reason = DEFAULT_REFUSAL) => context.outbox.refuse(address, reason),
    accept: (address) => context.outbox.accept(address),
    verifyIdentity(identity) {
      context.identities.add(checkIdentityNameOrThrow(identity));
    },
    clear: () => context.outbox.clear(),
  };
  return {
    name: 'ses',
    inspector,
    accepts: (request) => isSesRequest(request) || isSentEmailsRequest(request),
    bodyLimit: (headers) =>
      isSesSigned(headers)
        ? {
            maxBytes: MAX_BODY_BYTES,
            tooLarge: (maxBytes) =>
              sesErrorResponse(
                new ServiceError(
                  'BadRequestException',
                  `The request is larger than ${maxBytes} bytes; SES takes messages of at most 10 MB.`,
                  { status: 413 },
                ),
              ),
          }
        : undefined,
    permissions: (request) => sesPermissions(request, context.identities, { region, accountId }),
    async handle(request) {
      if (isSentEmailsRequest(request)) return sentEmailsResponse(request, context.outbox, region);
      try {
        const route = routeOf(request);
        if (!route) throw sesErrors.unknownOperation(request);
        return sesResponse(route.operation(context, request, route.pathParameters));
      } catch (error) {
        if (error instanceof ServiceError) return sesErrorResponse(error);
        throw error;
      }
    },
    async close() {
      // Nothing of its own runs.
    },
  };
}

/** verifyIdentity() is the test's own call: a bad name is thrown to it, not answered over HTTP. */
function checkIdentityNameOrThrow(identity: string): string {
  try {
    return checkIdentityName(identity);
  } catch {
    throw new InvalidEmailIdentityError(identity);
  }
}
