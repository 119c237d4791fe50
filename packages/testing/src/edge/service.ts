import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestBodyLimit } from './request-body.js';

/** What the edge hands a service: one HTTP request, already read. */
export interface ServiceRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/` or `/000000000000/my-queue`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface ServiceResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
}

/** One IAM action a request needs, on the resources it needs it for. */
export interface RequiredPermission {
  /** The action, as IAM policies name it: `ses:SendEmail`. */
  readonly action: string;
  /** The ARNs of the resources the action is on (`*` for actions on no resource). */
  readonly resources: readonly string[];
}

/** A service either runs, or has stopped for good and says why. */
export type ServiceHealth =
  | { readonly status: 'running' }
  | { readonly status: 'exited'; readonly detail: string };

/** A relay whose upstream request is open, waiting for the edge's decision. */
export interface PreparedRelay {
  /** Sends the body and streams the upstream's answer to `outgoing`, which it always ends. */
  send(body: Buffer, outgoing: ServerResponse): Promise<void>;
  /** Gives the request up: its body is never sent, so the upstream never serves it. */
  cancel(): void;
}

/** One emulated AWS service behind the edge endpoint (one folder per service under services/). */
export interface SandboxService {
  /** The service's signing name: `dynamodb`, `events`, `sqs`. */
  readonly name: string;
  /** True when this request is for this service (X-Amz-Target prefix, query `Action`, …). */
  accepts(request: ServiceRequest): boolean;
  handle(request: ServiceRequest): Promise<ServiceResponse>;
  /** The IAM actions and resource ARNs a request needs, as AWS's Service Authorization Reference lists them. */
  permissions?(request: ServiceRequest): readonly RequiredPermission[];
  /**
   * Optional streaming path for services that only relay requests (DynamoDB Local): the edge asks
   * it first, from the headers alone, and hands over the raw request and response so that bodies
   * stream through instead of being buffered.
   */
  readonly passthrough?: {
    /** True when this request (judged by its lower-cased headers) is to be relayed. */
    accepts(headers: Readonly<Record<string, string>>): boolean;
    /** Relays the request and writes the answer; must always end `outgoing`. */
    relay(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void>;
    /**
     * For a request the edge reads whole first (IAM checks it): opens the relay at once, so the
     * upstream takes the headers while the body is read and checked. Without it, such a request
     * goes through `handle`.
     */
    prepare?(incoming: IncomingMessage): PreparedRelay;
  };
  /**
   * The largest body this service takes for a request with these (lower-cased) headers, or
   * undefined when the request is not this service's. The edge reads no further than that.
   */
  bodyLimit?(headers: Readonly<Record<string, string>>): RequestBodyLimit | undefined;
  /** The service's real state, for the health endpoint. Default: running. */
  health?(): ServiceHealth;
  /** Stops timers and child processes. */
  close(): Promise<void>;
}

/** Account and region the sandbox answers for. */
export const SANDBOX_ACCOUNT_ID = '000000000000';
export const SANDBOX_REGION = 'us-east-1';
