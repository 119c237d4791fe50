import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { awsJsonErrorResponse } from '../../edge/json-protocol.js';
import type { ServiceRequest, ServiceResponse } from '../../edge/service.js';

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
export class DynamoDbRelay {
  private readonly upstream: URL;
  private readonly agent: HttpAgent;

  constructor(endpoint: string) {
    this.upstream = new URL(endpoint);
    this.agent =
      this.upstream.protocol === 'https:'
        ? new HttpsAgent({ keepAlive: true })
        : new HttpAgent({ keepAlive: true });
  }

  /** Streams `incoming` to the upstream and the upstream's answer back to `outgoing`. */
  relay(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const upstreamRequest = this.open(
        incoming.method ?? 'POST',
        incoming.url ?? '/',
        incoming.headers,
      );
      upstreamRequest.on('response', (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, relayedHeaders(answer.headers));
        answer.pipe(outgoing);
        answer.on('end', () => resolve());
        answer.on('error', () => {
          outgoing.destroy();
          resolve();
        });
      });
      upstreamRequest.on('error', (error) => {
        if (!outgoing.headersSent) {
          const response = unavailable(this.upstream, error);
          outgoing.writeHead(response.status, response.headers);
          outgoing.end(response.body);
        } else {
          outgoing.destroy();
        }
        resolve();
      });
      incoming.pipe(upstreamRequest);
    });
  }

  /** The buffered path, for callers that already hold the whole request. */
  forward(request: ServiceRequest): Promise<ServiceResponse> {
    return new Promise((resolve) => {
      const query = request.query.toString();
      const upstreamRequest = this.open(
        request.method,
        query ? `${request.path}?${query}` : request.path,
        {
          ...request.headers,
          'content-length': String(request.body.length),
        },
      );
      upstreamRequest.on('response', (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          resolve({
            status: answer.statusCode ?? 502,
            headers: flatten(relayedHeaders(answer.headers)),
            body: Buffer.concat(chunks),
          }),
        );
      });
      upstreamRequest.on('error', (error) => resolve(unavailable(this.upstream, error)));
      upstreamRequest.end(request.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private open(
    method: string,
    path: string,
    headers: IncomingHttpHeaders | Record<string, string>,
  ) {
    const request = this.upstream.protocol === 'https:' ? httpsRequest : httpRequest;
    const base = this.upstream.pathname.replace(/\/$/, '');
    return request({
      protocol: this.upstream.protocol,
      hostname: this.upstream.hostname,
      port: this.upstream.port,
      method,
      path: `${base}${path}`,
      // The upstream sees its own host name; signatures are not re-made, so the upstream must be
      // one that does not check them (DynamoDB Local, LocalStack), as the sandbox itself.
      headers: { ...relayedHeaders(headers), host: this.upstream.host },
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
    503,
    'ServiceUnavailable',
    `the sandbox could not reach DynamoDB at ${upstream.origin}: ${error.message}`,
    'application/x-amz-json-1.0',
  );
}
