import { randomUUID } from 'node:crypto';

/** Where a message move task is: ListMessageMoveTasks' `Status`. */
export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

/** One StartMessageMoveTask: from a dead-letter queue to a queue, or back to each message's source. */
export interface MoveTask {
  readonly taskHandle: string;
  readonly sourceArn: string;
  /** Absent: each message goes back to the queue it was dead-lettered from. */
  readonly destinationArn?: string;
  readonly maxNumberOfMessagesPerSecond?: number;
  /** Clock milliseconds at which it started. */
  readonly startedTimestamp: number;
  /** The messages the source held when the task started. */
  readonly toMove: number;
  status: MoveTaskStatus;
  moved: number;
  failureReason?: string;
  /** Stops the task's next step, while it runs. */
  cancelNextStep?: () => void;
}

/** The tasks of every source queue, newest last; AWS lists the newest first. */
export class MoveTaskRegistry {
  readonly #tasks: MoveTask[] = [];

  add(task: Omit<MoveTask, 'taskHandle' | 'status' | 'moved'>): MoveTask {
    const created: MoveTask = {
      ...task,
      // AWS's handles are opaque base64 text that carries the task and its source.
      taskHandle: Buffer.from(
        JSON.stringify({ taskId: randomUUID(), sourceArn: task.sourceArn }),
      ).toString('base64'),
      status: 'RUNNING',
      moved: 0,
    };
    this.#tasks.push(created);
    return created;
  }

  byHandle(handle: string): MoveTask | undefined {
    return this.#tasks.find((task) => task.taskHandle === handle);
  }

  /** The tasks of this source, newest first. */
  ofSource(sourceArn: string): MoveTask[] {
    return this.#tasks.filter((task) => task.sourceArn === sourceArn).reverse();
  }

  running(sourceArn: string): MoveTask | undefined {
    return this.#tasks.find((task) => task.sourceArn === sourceArn && task.status === 'RUNNING');
  }

  /** Stops every running task's timer (the service is closing). */
  stopAll(): void {
    for (const task of this.#tasks) task.cancelNextStep?.();
  }
}
