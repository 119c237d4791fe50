import type { SandboxClock } from '../../../clock.js';
import type { MoveTaskRegistry } from '../models/move-tasks.js';
import type { Queue } from '../models/queue.js';
import type { QueueRegistry } from '../models/queue-registry.js';
import type { ApiInput, ApiOutput } from '../protocol/wire.js';

/** What every operation works with. */
export interface SqsContext {
  readonly registry: QueueRegistry;
  /** StartMessageMoveTask's tasks. */
  readonly moveTasks: MoveTaskRegistry;
  readonly clock: SandboxClock;
  /** The queue's URL on the edge endpoint the sandbox currently listens on. */
  queueUrl(queue: Queue): string;
  /** Aborted when the service closes, so long polls return at once. */
  readonly closing: AbortSignal;
}

/** One SQS action: validates its input, acts, and answers in the JSON protocol's shapes. */
export type Operation = (context: SqsContext, input: ApiInput) => ApiOutput | Promise<ApiOutput>;
