import type { RequestBodyLimit } from '../../../edge/request-body.js';
import type { ServiceResponse } from '../../../edge/service.js';
import { ServiceError } from '../../../edge/service-error.js';
import { SQS_LIMITS } from '../limits.js';

/** Room for everything around the payload: action, queue URL, ids, attribute names, structure. */
const ENVELOPE_BYTES = 65_536;

/**
 * The largest body a request within SQS's 1 MiB payload can be encoded to, by protocol, so that
 * no valid request is refused and nothing much larger is ever buffered.
 * - JSON: escaping at most doubles a string (`"` → `\"`); base64 binary values grow by 4/3.
 * - Query: form encoding can triple every byte (`%XX`), base64's `+`, `/` and `=` included.
 */
export const SQS_BODY_LIMITS = {
  json: 2 * SQS_LIMITS.maximumMessageSizeBytes + ENVELOPE_BYTES,
  query: Math.ceil((4 / 3) * 3 * SQS_LIMITS.maximumMessageSizeBytes) + ENVELOPE_BYTES,
} as const;

export function bodyLimitFor(
  protocol: keyof typeof SQS_BODY_LIMITS,
  encodeError: (error: ServiceError) => ServiceResponse,
): RequestBodyLimit {
  return {
    maxBytes: SQS_BODY_LIMITS[protocol],
    tooLarge: (maxBytes) =>
      encodeError(
        new ServiceError(
          'RequestEntityTooLarge',
          `The request body is larger than ${maxBytes} bytes, more than any request within ` +
            `SQS's ${SQS_LIMITS.maximumMessageSizeBytes}-byte message limit can take.`,
          { status: 413 },
        ),
      ),
  };
}
