import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { awsJsonErrorResponse } from './json-protocol.js';
import { type EdgeRefusal, refusalResponse } from './refusals.js';
import { type RequestBodyLimit, readBodyWithin } from './request-body.js';
import { type RequestOriginPolicy, refusalOf } from './request-origin.js';
import type { SandboxService, ServiceRequest, ServiceResponse } from './service.js';
import { ServiceError } from './service-error.js';

export interface EdgeServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface EdgeOptions {
  /** Port to listen on. Default: a free port chosen by the OS. */
  port?: number;
  /** Interface to bind. Default: `127.0.0.1` (the sandbox is never reachable from outside). */
  host?: string;
  /**
   * Browser origins whose requests are served (`http://localhost:5173`). Default: none, so a web
   * page cannot drive the sandbox; SDKs and the AWS CLI send no origin and are always served.
   */
  allowedOrigins?: readonly string[];
  /** Checks the requests of restricted callers (deployed functions) before a service serves them. */
  authorizer?: EdgeAuthorizer;
}

/** What the edge asks before it serves a request: who signed it, and whether that may be done. */
export interface EdgeAuthorizer {
  /**
   * From the headers and the raw URL alone: whether the request is checked. A checked request is
   * read whole (never relayed as a stream) so that its operation and resources are known.
   */
  restricted(headers: Readonly<Record<string, string>>, url: string): boolean;
  /**
   * Whether a restricted request is signed with credentials the sandbox issued (a deployed
   * function's). Only such a request has its relay opened before it is checked: a stranger's
   * could hold an upstream connection open by never finishing its body.
   */
  issued(headers: Readonly<Record<string, string>>): boolean;
  /** The refusal for a checked request to `service`, or undefined to serve it. */
  check(service: SandboxService, request: ServiceRequest): EdgeRefusal | undefined;
}

/**
 * One HTTP endpoint for every service, like LocalStack's edge: each request goes to the first
 * service that recognises its protocol headers, so `AWS_ENDPOINT_URL` alone points every SDK
 * client at the sandbox. Signatures are never verified; with an `authorizer`, who signed a
 * request (its access key id) decides whether it is checked before a service serves it.
 */
export async function startEdge(
  services: readonly SandboxService[],
  options: EdgeOptions = {},
): Promise<EdgeServer> {
  const policy: EdgePolicy = {
    port: 0,
    allowedOrigins: options.allowedOrigins ?? [],
    ...(options.authorizer && { authorizer: options.authorizer }),
  };
  const server: Server = createServer((incoming, outgoing) => {
    void route(services, incoming, outgoing, policy);
  });
  // Long polls hold connections for up to 20 s; keep sockets alive past that.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  policy.port = port;
  // The endpoint alone never keeps the process alive: a script that forgets `stop()` still ends.
  // Clients in this process hold their own sockets, so requests in flight are not cut short.
  server.unref();
  server.on('connection', (socket) => socket.unref());
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface EdgePolicy extends RequestOriginPolicy {
  port: number;
  readonly authorizer?: EdgeAuthorizer;
}

async function route(
  services: readonly SandboxService[],
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  policy: EdgePolicy,
): Promise<void> {
  const refusal = refusalOf(incoming, policy);
  if (refusal !== undefined) {
    // Refused before the body is read; the connection closes so nothing more of it is taken.
    const response = awsJsonErrorResponse(
      new ServiceError('AccessDeniedException', refusal, { status: 403 }),
    );
    send(outgoing, { ...response, headers: { ...response.headers, connection: 'close' } });
    return;
  }
  if (incoming.method === 'GET' && incoming.url?.split('?')[0] === HEALTH_PATH) {
    send(outgoing, health(services));
    return;
  }
  const headers = lowerCaseHeaders(incoming);
  const { authorizer } = policy;
  const checked = authorizer?.restricted(headers, incoming.url ?? '/') ?? false;
  const relaying = services.find((candidate) => candidate.passthrough?.accepts(headers));
  if (relaying?.passthrough && !checked) {
    try {
      await relaying.passthrough.relay(incoming, outgoing);
    } catch (error) {
      send(outgoing, internalFailure(error));
    }
    return;
  }
  const limit =
    services.map((candidate) => candidate.bodyLimit?.(headers)).find(Boolean) ??
    UNCLAIMED_BODY_LIMIT;
  // A function's request that is relayed: the upstream takes its headers while it is read and checked.
  const prepared = authorizer?.issued(headers)
    ? relaying?.passthrough?.prepare?.(incoming)
    : undefined;
  let response: ServiceResponse;
  try {
    const request = await readRequest(incoming, headers, limit.maxBytes);
    if (request === undefined) {
      prepared?.cancel();
      refuseOversized(incoming, outgoing, limit.tooLarge(limit.maxBytes));
      return;
    }
    const service = services.find((candidate) => candidate.accepts(request));
    const refusal = service && checked ? authorizer?.check(service, request) : undefined;
    if (prepared && !refusal && service === relaying) {
      await prepared.send(request.body, outgoing);
      return;
    }
    prepared?.cancel();
    response = refusal
      ? refusalResponse(request, refusal)
      : service
        ? await service.handle(request)
        : awsJsonErrorResponse(
            new ServiceError('UnknownOperationException', describeUnroutable(request)),
          );
  } catch (error) {
    prepared?.cancel();
    response = internalFailure(error);
  }
  send(outgoing, response);
}

/** How long a refused upload may go on after the answer, so the client can read the answer. */
const LINGER_AFTER_REFUSAL_MS = 2_000;

/**
 * Answers a body that is over the limit without reading the rest of it. The connection is closed
 * after the answer; it lingers briefly first, since closing a socket with unread bytes resets it,
 * and a reset can reach the client before the answer has been read.
 */
function refuseOversized(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  refusal: ServiceResponse,
): void {
  send(outgoing, { ...refusal, headers: { ...refusal.headers, connection: 'close' } });
  const { socket } = incoming;
  outgoing.once('finish', () => {
    const linger = setTimeout(() => socket.destroy(), LINGER_AFTER_REFUSAL_MS);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  });
}

/** `GET /_sandbox/health`: which services answer here, for scripts that wait on a sandbox. */
export const HEALTH_PATH = '/_sandbox/health';

function health(services: readonly SandboxService[]): ServiceResponse {
  const states = services.map((service) => [service.name, service.health?.()] as const);
  const problems = states.filter(([, state]) => state?.status === 'exited');
  return {
    status: problems.length ? 503 : 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      status: problems.length ? 'degraded' : 'running',
      services: Object.fromEntries(
        states.map(([name, state]) => [name, state?.status ?? 'running']),
      ),
      ...(problems.length && {
        problems: Object.fromEntries(
          problems.map(([name, state]) => [name, state?.status === 'exited' ? state.detail : '']),
        ),
      }),
    }),
  };
}

function send(outgoing: ServerResponse, response: ServiceResponse): void {
  if (outgoing.destroyed || outgoing.writableEnded) return;
  if (outgoing.headersSent) {
    outgoing.end();
    return;
  }
  outgoing.writeHead(response.status, response.headers);
  outgoing.end(response.body);
}

function lowerCaseHeaders(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/**
 * Bodies of requests no service claims from their headers: none of them can be served, so they
 * are only read far enough to answer that.
 */
const UNCLAIMED_BODY_LIMIT: RequestBodyLimit = {
  maxBytes: 1_048_576,
  tooLarge: (maxBytes) =>
    awsJsonErrorResponse(
      new ServiceError(
        'RequestEntityTooLarge',
        `the request body is larger than ${maxBytes} bytes`,
        { status: 413 },
      ),
    ),
};

/** The request with its body, or undefined when the body is over `maxBytes`. */
async function readRequest(
  incoming: IncomingMessage,
  headers: Record<string, string>,
  maxBytes: number,
): Promise<ServiceRequest | undefined> {
  const read = await readBodyWithin(incoming, maxBytes);
  if (!read.complete) return undefined;
  const target = incoming.url ?? '/';
  // JSON protocols post to `/`: nothing to parse.
  const url = target === '/' ? undefined : new URL(target, 'http://sandbox');
  return {
    method: incoming.method ?? 'GET',
    path: url?.pathname ?? '/',
    query: url?.searchParams ?? new URLSearchParams(),
    headers,
    body: read.body,
  };
}

function describeUnroutable(request: ServiceRequest): string {
  const target = request.headers['x-amz-target'];
  return target
    ? `no sandbox service handles X-Amz-Target ${target}`
    : `no sandbox service handles ${request.method} ${request.path}`;
}

/** What went wrong inside the sandbox itself, answered as AWS answers its own faults. */
function internalFailure(error: unknown): ServiceResponse {
  const message = error instanceof Error ? error.message : String(error);
  return awsJsonErrorResponse(new ServiceError('InternalFailure', message, { status: 500 }));
}
