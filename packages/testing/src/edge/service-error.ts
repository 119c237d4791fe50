/** Who AWS blames for an error: the caller (`Sender`) or the service itself (`Receiver`). */
export type ServiceFault = 'Sender' | 'Receiver';

export interface ServiceErrorOptions {
  /** HTTP status. Default: 400. */
  status?: number;
  /** Default: `Receiver` for a 5xx status, `Sender` otherwise. */
  fault?: ServiceFault;
  /**
   * The code of the query protocol and of the `x-amzn-query-error` header, when AWS uses another
   * one than `code` there (`AWS.SimpleQueueService.NonExistentQueue` for `QueueDoesNotExist`).
   */
  queryCode?: string;
}

/**
 * An error an emulated service answers a request with, whatever protocol the request came in.
 * Services only throw or return these; the serializers under edge/ turn one into the wire shape
 * of the request's protocol (JSON `__type`, query-protocol `ErrorResponse`, …).
 */
export class ServiceError extends Error {
  /** The exception (Smithy shape) name SDK v3 surfaces: `QueueDoesNotExist`, `ValidationException`. */
  readonly code: string;
  readonly status: number;
  readonly fault: ServiceFault;
  /** The query-protocol code; the same as `code` unless AWS uses another one there. */
  readonly queryCode: string;

  constructor(code: string, message: string, options: ServiceErrorOptions = {}) {
    super(message);
    this.code = code;
    this.status = options.status ?? 400;
    this.fault = options.fault ?? (this.status >= 500 ? 'Receiver' : 'Sender');
    this.queryCode = options.queryCode ?? code;
  }

  // Written out rather than read from the constructor, whose name a minifier changes.
  override get name(): 'ServiceError' {
    return 'ServiceError';
  }
}
