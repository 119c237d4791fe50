import type { IncomingMessage } from 'node:http';
import type { ServiceResponse } from './service.js';

/**
 * The largest body a service takes, judged from the headers before anything is read, and what it
 * answers when a request is larger.
 */
export interface RequestBodyLimit {
  readonly maxBytes: number;
  /** The service's own "too large" error, in its protocol's shape. */
  tooLarge(maxBytes: number): ServiceResponse;
}

export type BodyRead =
  | { readonly complete: true; readonly body: Buffer }
  | { readonly complete: false };

/**
 * Reads a request body up to `maxBytes`. A larger one, declared by `Content-Length` or found while
 * streaming, stops the reading at once: the rest is never buffered, so one request cannot take
 * the process's memory.
 */
export function readBodyWithin(incoming: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  const declared = Number(incoming.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.resolve({ complete: false });
  }
  return new Promise<BodyRead>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        stop();
        // Paused, not destroyed: the socket must stay open for the answer to be written.
        incoming.pause();
        chunks.length = 0;
        resolve({ complete: false });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve({ complete: true, body: Buffer.concat(chunks, received) });
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
  });
}
