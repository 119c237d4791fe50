import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { AWS_JSON_1_0, awsJsonErrorResponse } from '../../edge/json-protocol.js';
import type { PreparedRelay, ServiceRequest, ServiceResponse } from '../../edge/service.js';
import { ServiceError } from '../../edge/service-error.js';

/** Headers that describe one connection, not the request: never relayed. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

/** Relays requests to one upstream DynamoDB endpoint, streaming both ways, over kept-alive sockets. */
/** DynamoDB's largest request: 16 MB (its HTTP payload limit). */
export const DYNAMODB_MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** Says whether the upstream is gone for good, and if so, the answer to give instead. */
export interface UpstreamLiveness {
  /** The answer for every request once the upstream is gone; undefined while it runs. */
  gone(): ServiceResponse | undefined;
  /** After a connection error: settles once it is known whether the upstream died (bounded wait). */
  settle(): Promise<void>;
}

export class DynamoDbRelay {
  private readonly upstream: URL;
  private readonly agent: HttpAgent;
  private readonly request: typeof httpRequest;
  private readonly basePath: string;

  constructor(
    endpoint: string,
    private readonly liveness?: UpstreamLiveness,
  ) {
    this.upstream = new URL(endpoint);
    // Nagle's algorithm would hold a small request's last segment until the upstream's delayed
    // ACK; LIFO reuses the socket that was used last, which is the one still warm.
    const agentOptions = { keepAlive: true, noDelay: true, scheduling: 'lifo' as const };
    this.agent =
      this.upstream.protocol === 'https:'
        ? new HttpsAgent(agentOptions)
        : new HttpAgent(agentOptions);
    this.request = this.upstream.protocol === 'https:' ? httpsRequest : httpRequest;
    this.basePath = this.upstream.pathname.replace(/\/$/, '');
  }

  /** Streams `incoming` to the upstream and the upstream's answer back to `outgoing`. */
  relay(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const refused = this.liveness?.gone() ?? tooLarge(incoming.headers['content-length']);
    if (refused) {
      writeWhole(outgoing, refused, true);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const upstreamRequest = this.open(
        incoming.method ?? 'POST',
        incoming.url ?? '/',
        relayedRawHeaders(incoming.rawHeaders, this.upstream.host),
      );
      const exchange = this.streamAnswer(upstreamRequest, outgoing, resolve, () =>
        incoming.unpipe(upstreamRequest),
      );
      let sent = 0;
      incoming.on('data', (chunk: Buffer) => {
        sent += chunk.length;
        if (sent > DYNAMODB_MAX_REQUEST_BYTES && !exchange.answered) {
          exchange.answered = true;
          incoming.unpipe(upstreamRequest);
          upstreamRequest.destroy();
          writeWhole(outgoing, entityTooLarge(), true);
          resolve();
        }
      });
      incoming.pipe(upstreamRequest);
    });
  }

  /**
   * Opens the upstream request of a request the edge reads whole first (IAM must see it) and
   * sends its headers at once, so that the upstream takes them while the body is read and
   * checked. The body goes only with `send`; `cancel` gives the request up unserved.
   */
  prepare(incoming: IncomingMessage): PreparedRelay {
    const upstreamRequest = this.open(
      incoming.method ?? 'POST',
      incoming.url ?? '/',
      relayedRawHeaders(incoming.rawHeaders, this.upstream.host),
    );
    // Whichever comes first, kept until `send`: the answer, or the connection's failure.
    const outcome = new Promise<IncomingMessage | Error>((resolve) => {
      upstreamRequest.once('response', resolve);
      upstreamRequest.on('error', resolve);
    });
    upstreamRequest.flushHeaders();
    return {
      send: async (body, outgoing) => {
        const refused = this.liveness?.gone();
        if (refused) {
          upstreamRequest.destroy();
          writeWhole(outgoing, refused);
          return;
        }
        upstreamRequest.end(body);
        const result = await outcome;
        if (result instanceof Error) writeWhole(outgoing, await this.failure(result), true);
        else await pipeAnswer(result, outgoing);
      },
      cancel: () => upstreamRequest.destroy(),
    };
  }

  /**
   * Pipes the upstream's answer to `outgoing`; on a connection failure before it, answers with
   * the failure. `stopSending` detaches whatever still writes the request body.
   */
  private streamAnswer(
    upstreamRequest: ClientRequest,
    outgoing: ServerResponse,
    done: () => void,
    stopSending: () => void,
  ): { answered: boolean } {
    const exchange = { answered: false };
    upstreamRequest.on('response', (answer) => {
      exchange.answered = true;
      if (answer.statusCode === 413) stopSending();
      void pipeAnswer(answer, outgoing).then(done);
    });
    upstreamRequest.on('error', async (error) => {
      // Once the answer is on its way, a failed write of the rest of the body changes nothing.
      if (exchange.answered) return;
      stopSending();
      if (!outgoing.headersSent) writeWhole(outgoing, await this.failure(error), true);
      else outgoing.destroy();
      done();
    });
    return exchange;
  }

  /** The buffered path, for callers that already hold the whole request. */
  forward(request: ServiceRequest): Promise<ServiceResponse> {
    const refused = this.refusalOf(request);
    if (refused) return Promise.resolve(refused);
    return new Promise((resolve) => {
      const upstreamRequest = this.openRead(request);
      upstreamRequest.on('response', (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          resolve(
            answer.statusCode === 413
              ? entityTooLarge()
              : {
                  status: answer.statusCode ?? 502,
                  headers: flatten(relayedHeaders(answer.headers)),
                  body: Buffer.concat(chunks),
                },
          ),
        );
      });
      upstreamRequest.on('error', (error) => {
        void this.failure(error).then(resolve);
      });
      upstreamRequest.end(request.body);
    });
  }

  private refusalOf(request: ServiceRequest): ServiceResponse | undefined {
    return (
      this.liveness?.gone() ??
      (request.body.length > DYNAMODB_MAX_REQUEST_BYTES ? entityTooLarge() : undefined)
    );
  }

  /** The upstream request for a request held whole; its body is still to be written. */
  private openRead(request: ServiceRequest): ClientRequest {
    const query = request.query.toString();
    return this.open(request.method, query ? `${request.path}?${query}` : request.path, {
      ...relayedHeaders(request.headers),
      'content-length': String(request.body.length),
      host: this.upstream.host,
    });
  }

  /** The answer for a connection that failed: the upstream's death if that is why, else 503. */
  private async failure(error: Error): Promise<ServiceResponse> {
    if (this.liveness) {
      await this.liveness.settle();
      const gone = this.liveness.gone();
      if (gone) return gone;
    }
    return unavailable(this.upstream, error);
  }

  close(): void {
    this.agent.destroy();
  }

  /**
   * `headers` are already relayable: hop-by-hop headers left out and the upstream's host named.
   * The upstream sees its own host name; signatures are not re-made, so the upstream must be one
   * that does not check them (DynamoDB Local, LocalStack), as the sandbox itself.
   */
  private open(method: string, path: string, headers: Record<string, string> | string[]) {
    return this.request({
      protocol: this.upstream.protocol,
      hostname: this.upstream.hostname,
      port: this.upstream.port,
      method,
      path: `${this.basePath}${path}`,
      headers,
      agent: this.agent,
    });
  }
}

function relayedHeaders(
  headers: IncomingHttpHeaders | Record<string, string>,
): Record<string, string | string[]> {
  const relayed: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) relayed[name] = value;
  }
  return relayed;
}

/**
 * The relayable headers of a message, from its raw name/value list as it arrived: no header
 * object is built and names keep their case. With `host`, the message's own Host is replaced.
 */
function relayedRawHeaders(rawHeaders: readonly string[], host?: string): string[] {
  const relayed: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    const lowerCase = name.toLowerCase();
    if (HOP_BY_HOP.has(lowerCase) || (host !== undefined && lowerCase === 'host')) continue;
    relayed.push(name, rawHeaders[index + 1] as string);
  }
  if (host !== undefined) relayed.push('host', host);
  return relayed;
}

/** Streams an upstream answer to `outgoing`, with AWS's error in place of DynamoDB Local's 413. */
function pipeAnswer(answer: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (answer.statusCode === 413) {
      // DynamoDB Local answers `{"Message":""}` and stops reading: give AWS's error instead.
      answer.resume();
      writeWhole(outgoing, entityTooLarge(), true);
      resolve();
      return;
    }
    outgoing.writeHead(answer.statusCode ?? 502, relayedRawHeaders(answer.rawHeaders));
    answer.pipe(outgoing);
    answer.on('end', () => resolve());
    answer.on('error', () => {
      outgoing.destroy();
      resolve();
    });
  });
}

function flatten(headers: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : value,
    ]),
  );
}

function unavailable(upstream: URL, error: Error): ServiceResponse {
  return awsJsonErrorResponse(
    new ServiceError(
      'ServiceUnavailable',
      `the sandbox could not reach DynamoDB at ${upstream.origin}: ${error.message}`,
      { status: 503 },
    ),
    AWS_JSON_1_0,
  );
}

function tooLarge(contentLength: string | undefined): ServiceResponse | undefined {
  return contentLength !== undefined && Number(contentLength) > DYNAMODB_MAX_REQUEST_BYTES
    ? entityTooLarge()
    : undefined;
}

/** AWS's answer to a request body over the limit: 413, not retried by SDKs. */
function entityTooLarge(): ServiceResponse {
  return awsJsonErrorResponse(
    new ServiceError(
      'RequestEntityTooLarge',
      `Request must be smaller than ${DYNAMODB_MAX_REQUEST_BYTES} bytes for the DynamoDB operation`,
      { status: 413 },
    ),
    AWS_JSON_1_0,
  );
}

/** Writes a whole answer; `close` ends the connection too, as the rest of the body is not read. */
function writeWhole(outgoing: ServerResponse, response: ServiceResponse, close = false): void {
  if (outgoing.headersSent || outgoing.destroyed) return;
  outgoing.writeHead(response.status, {
    ...response.headers,
    ...(close && { connection: 'close' }),
  });
  outgoing.end(response.body);
}
