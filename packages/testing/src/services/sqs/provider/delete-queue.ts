import type { Operation } from './context.js';
import { queueOf } from './queue-lookup.js';

/** DeleteQueue: its messages go with it, and long polls on it return empty. */
export const deleteQueue: Operation = (context, input) => {
  context.registry.delete(queueOf(context, input));
  return {};
};

/** PurgeQueue: every message, in flight or not. (AWS's once-per-60-s limit is not enforced.) */
export const purgeQueue: Operation = (context, input) => {
  queueOf(context, input).purge();
  return {};
};
