import { sqsErrors } from '../errors.js';
import type { StoredMessage } from '../models/message.js';
import type { MoveTask } from '../models/move-tasks.js';
import type { Queue } from '../models/queue.js';
import type { ApiOutput } from '../protocol/wire.js';
import type { Operation, SqsContext } from './context.js';
import { optionalInteger, optionalString, requiredString } from './input.js';

/** AWS's ceiling on MaxNumberOfMessagesPerSecond. */
const MAX_MESSAGES_PER_SECOND = 500;
/** ListMessageMoveTasks' MaxResults: 1 to 10, 1 unless asked. */
const MAX_RESULTS = 10;

/**
 * StartMessageMoveTask: moves the messages of a dead-letter queue (a queue some queue's redrive
 * policy names) to `DestinationArn`, or each back to the queue it was dead-lettered from. The
 * move runs on the sandbox clock, promptly after the answer: all at once, or
 * `MaxNumberOfMessagesPerSecond` per second. One task runs per source at a time.
 */
export const startMessageMoveTask: Operation = (context, input) => {
  const source = existingQueue(context, requiredString(input, 'SourceArn'), 'SourceArn');
  const isDeadLetterQueue = context.registry.list().some((queue) => {
    const target = queue.redrivePolicy?.deadLetterTargetArn;
    return target !== undefined && context.registry.byArn(target) === source;
  });
  if (!isDeadLetterQueue) {
    throw sqsErrors.invalidParameterValue(
      'Source queue must be configured as a Dead Letter Queue.',
    );
  }
  const destinationArn = optionalString(input, 'DestinationArn');
  if (destinationArn !== undefined) {
    const destination = existingQueue(context, destinationArn, 'DestinationArn');
    if (destination === source) {
      throw sqsErrors.invalidParameterValue(
        'Source queue and destination queue cannot be the same.',
      );
    }
    if (destination.fifo !== source.fifo) {
      throw sqsErrors.invalidParameterValue(
        'Destination queue must be of the same type as the source queue (FIFO or standard).',
      );
    }
  }
  const maxNumberOfMessagesPerSecond = optionalInteger(
    input,
    'MaxNumberOfMessagesPerSecond',
    1,
    MAX_MESSAGES_PER_SECOND,
  );
  if (context.moveTasks.running(source.arn)) {
    throw sqsErrors.unsupportedOperation(
      'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    );
  }
  const task = context.moveTasks.add({
    sourceArn: source.arn,
    ...(destinationArn !== undefined && { destinationArn }),
    ...(maxNumberOfMessagesPerSecond !== undefined && { maxNumberOfMessagesPerSecond }),
    startedTimestamp: context.clock.now(),
    toMove: source.counts().visible,
  });
  scheduleStep(context, task, 0);
  return { TaskHandle: task.taskHandle };
};

/** ListMessageMoveTasks: the source's most recent tasks (up to MaxResults), newest first. */
export const listMessageMoveTasks: Operation = (context, input) => {
  const source = existingQueue(context, requiredString(input, 'SourceArn'), 'SourceArn');
  const maxResults = optionalInteger(input, 'MaxResults', 1, MAX_RESULTS) ?? 1;
  return {
    Results: context.moveTasks.ofSource(source.arn).slice(0, maxResults).map(describeTask),
  };
};

/** CancelMessageMoveTask: stops a running task; what it moved already stays moved. */
export const cancelMessageMoveTask: Operation = (context, input) => {
  const task = context.moveTasks.byHandle(requiredString(input, 'TaskHandle'));
  if (!task) throw sqsErrors.resourceNotFound('Task does not exist.');
  if (task.status !== 'RUNNING') {
    throw sqsErrors.unsupportedOperation(
      `Only a task whose status is RUNNING can be cancelled; this one is ${task.status}.`,
    );
  }
  task.cancelNextStep?.();
  task.cancelNextStep = undefined;
  task.status = 'CANCELLED';
  return { ApproximateNumberOfMessagesMoved: task.moved };
};

function existingQueue(context: SqsContext, arn: string, field: string): Queue {
  const queue = context.registry.byArn(arn);
  if (!queue) {
    throw sqsErrors.resourceNotFound(
      `The resource that you specified for the ${field} parameter doesn't exist.`,
    );
  }
  return queue;
}

function describeTask(task: MoveTask): ApiOutput {
  return {
    ...(task.status === 'RUNNING' && { TaskHandle: task.taskHandle }),
    Status: task.status,
    SourceArn: task.sourceArn,
    ...(task.destinationArn !== undefined && { DestinationArn: task.destinationArn }),
    ...(task.maxNumberOfMessagesPerSecond !== undefined && {
      MaxNumberOfMessagesPerSecond: task.maxNumberOfMessagesPerSecond,
    }),
    ApproximateNumberOfMessagesMoved: task.moved,
    ApproximateNumberOfMessagesToMove: task.toMove,
    ...(task.failureReason !== undefined && { FailureReason: task.failureReason }),
    StartedTimestamp: task.startedTimestamp,
  };
}

function scheduleStep(context: SqsContext, task: MoveTask, delayMs: number): void {
  task.cancelNextStep = context.clock.schedule(() => step(context, task), delayMs);
}

/** Moves one second's worth of messages (all of them without a rate), then decides what next. */
function step(context: SqsContext, task: MoveTask): void {
  task.cancelNextStep = undefined;
  if (task.status !== 'RUNNING' || context.closing.aborted) return;
  const source = context.registry.byArn(task.sourceArn);
  if (!source) {
    fail(task, 'The source queue no longer exists.');
    return;
  }
  const remaining = task.toMove - task.moved;
  const targetOf = (message: StoredMessage) => {
    const arn = task.destinationArn ?? message.deadLetterQueueSourceArn;
    return arn === undefined ? undefined : context.registry.byArn(arn);
  };
  const { taken, refused } = source.takeVisible(
    Math.min(remaining, task.maxNumberOfMessagesPerSecond ?? remaining),
    (message) => targetOf(message) !== undefined,
  );
  for (const message of taken) targetOf(message)?.adoptMoved(message);
  task.moved += taken.length;
  if (refused) {
    fail(
      task,
      task.destinationArn !== undefined
        ? 'The destination queue no longer exists.'
        : refused.deadLetterQueueSourceArn === undefined
          ? `Message ${refused.messageId} was not dead-lettered from a queue; give a DestinationArn.`
          : `The queue ${refused.deadLetterQueueSourceArn} that message ${refused.messageId} came from no longer exists.`,
    );
    return;
  }
  if (task.moved >= task.toMove || source.counts().visible === 0) {
    task.status = 'COMPLETED';
    return;
  }
  scheduleStep(context, task, 1000);
}

function fail(task: MoveTask, reason: string): void {
  task.status = 'FAILED';
  task.failureReason = reason;
}
