import type { ParsedRecord } from './envelope.js';
import { receiveCountOf, type SqsRecord } from './lambda-types.js';

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
  /** How often SQS has delivered the message (`ApproximateReceiveCount`): 1, then one more per retry. */
  readonly receiveCount?: number;
  readonly eventId?: string;
  readonly eventType?: string;
  readonly durationMs: number;
  /** Why the record is poison or failed. */
  readonly reason?: string;
  readonly error?: LoggedError;
}

/** A thrown value as logged: its name, message, `code` when it has one, and its stack. */
export interface LoggedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  /** The stack frames (`at …` lines, trimmed), without the header that repeats name and message. */
  readonly stack?: string;
}

/** Receives the runtime's log entries. Inject one in tests or to route logs elsewhere. */
export interface RuntimeLogger {
  log(entry: RecordLogEntry): void;
}

/**
 * Default: one compact JSON object per line on stdout (info) or stderr (warn, error) —
 * CloudWatch-friendly. Newlines inside values (a stack trace) are escaped, so an entry never spans lines.
 */
export const jsonLineLogger: RuntimeLogger = {
  log(entry) {
    const line = JSON.stringify({ timestamp: new Date().toISOString(), ...entry });
    if (entry.level === 'info') console.log(line);
    else console.error(line);
  },
};

/** The log-friendly parts of a thrown value. */
export function describeError(error: unknown): LoggedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(typeof code === 'string' ? { code } : {}),
      ...stackFrames(error.stack),
    };
  }
  return { name: 'NonError', message: String(error) };
}

/** Keeps only the frame lines of a V8 stack, trimmed: the header already is `name` and `message`. */
function stackFrames(stack: string | undefined): { stack?: string } {
  const frames = (stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '));
  return frames.length > 0 ? { stack: frames.join('\n') } : {};
}

/** The one log entry a poison record gets on each delivery: why it can never be handled. */
export function poisonLogEntry(
  handler: string,
  record: SqsRecord,
  parsed: Extract<ParsedRecord<unknown>, { ok: false }>,
  durationMs: number,
): RecordLogEntry {
  return {
    level: 'error',
    message: `poison record (${parsed.reason.kind}): ${parsed.reason.message}`,
    handler,
    outcome: 'poison',
    messageId: record.messageId,
    receiveCount: receiveCountOf(record),
    ...(parsed.eventId ? { eventId: parsed.eventId } : {}),
    ...(parsed.eventType ? { eventType: parsed.eventType } : {}),
    durationMs,
    reason: parsed.reason.kind,
  };
}
