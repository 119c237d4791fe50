/** What happened to one record. */
export type RecordOutcome =
  /** The handler ran and succeeded. */
  | 'success'
  /** The handler threw; the record returns to the queue for another try. */
  | 'failed'
  /** The record can never be handled (bad JSON, not an EventBridge event, schema mismatch). */
  | 'poison'
  /** The event was already processed by this handler (idempotency); nothing changed. */
  | 'duplicate'
  /** Not attempted: an earlier record of the same FIFO batch failed. */
  | 'not-attempted';

/** One structured log line per record. */
export interface RecordLogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly handler: string;
  readonly outcome: RecordOutcome;
  readonly messageId: string;
  readonly eventId?: string;
  readonly eventType?: string;
  readonly durationMs: number;
  /** Why the record is poison or failed. */
  readonly reason?: string;
  readonly error?: { readonly name: string; readonly message: string; readonly code?: string };
}

/** Receives the runtime's log entries. Inject one in tests or to route logs elsewhere. */
export interface RuntimeLogger {
  log(entry: RecordLogEntry): void;
}

/** Default: one JSON object per line on stdout (info) or stderr (warn, error) — CloudWatch-friendly. */
export const jsonLineLogger: RuntimeLogger = {
  log(entry) {
    const line = JSON.stringify({ timestamp: new Date().toISOString(), ...entry });
    if (entry.level === 'info') console.log(line);
    else console.error(line);
  },
};

/** The log-friendly parts of a thrown value. */
export function describeError(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'NonError', message: String(error) };
}
