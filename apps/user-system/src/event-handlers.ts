import {
  type DeclaredEventHandler,
  defineEventHandler,
  jsonLineLogger,
  type RuntimeLogger,
  type TransactionWrites,
} from '@davinci/event-bus';
import { TableClient } from '@davinci/orm';
import { type EmailSender, sesEmailSender } from './email.js';
import { UserActivated, UserCreated } from './events.js';
import { GLOBAL_STATS, UserStatsTable } from './tables.js';

export interface HandlerDependencies {
  /** Default: Amazon SES, from the deployment's verified sender. */
  email?: EmailSender;
  /** Default: the runtime's JSON lines. */
  logger?: RuntimeLogger;
  /** Default: `console.log`, which Lambda (and the sandbox) captures as the function's log. */
  print?: (line: string) => void;
}

/** The counters the handlers maintain. */
type Counter = 'total_users' | 'active_users';

/**
 * How often a stats handler runs again when another write to the stats item won the race. Two
 * handlers share the one item, each with at most two batches in flight (`maxConcurrency` in
 * infra/app.ts), so a few attempts settle any collision; a record that still loses returns to
 * its queue.
 */
const CONFLICT_RETRIES = 20;

/**
 * The three handlers of the user system. Each applies an event at most once (idempotency), and a
 * counter is set to the value the handler computed only if nobody changed it in between, so the
 * number each handler prints is the one its own committed write produced.
 */
export function createHandlers(
  deps: HandlerDependencies = {},
): Record<HandlerName, DeclaredEventHandler> {
  const email = deps.email ?? sesEmailSender();
  const logger = deps.logger ?? jsonLineLogger;
  const print = deps.print ?? console.log;
  const stats = new TableClient(UserStatsTable);

  /** Registers `counter + 1` as an optimistic write, and prints the new value once committed. */
  const increment = async (transaction: TransactionWrites, counter: Counter, label: string) => {
    const current = await stats.get(GLOBAL_STATS, { consistentRead: true });
    const value = (current?.[counter] ?? 0) + 1;
    transaction.add(
      current
        ? stats.transaction.update(
            GLOBAL_STATS,
            { set: { [counter]: value, updated_at: new Date() } },
            { condition: { [counter]: current[counter] } },
          )
        : stats.transaction.put(
            { ...GLOBAL_STATS, [counter]: value, updated_at: new Date() },
            { mustNotExist: true },
          ),
    );
    transaction.afterCommit(() => print(`Stats updated: ${value} ${label}`));
  };

  return {
    /** user.created → the welcome email, once per event. */
    handleUserCreated: defineEventHandler({
      name: 'handleUserCreated',
      schema: UserCreated, // subscribes to user.created
      idempotency: true,
      logger,
      handler: async (event) => {
        const { email: to, name } = event.detail;
        await email.send({
          to,
          subject: 'Welcome!',
          body: `Hello ${name}, welcome to our platform!`,
        });
        print(`Welcome email sent to ${to}`);
      },
    }),

    /** user.activated → one more active user. */
    handleUserActivated: defineEventHandler({
      name: 'handleUserActivated',
      schema: UserActivated, // subscribes to user.activated
      tables: { [UserStatsTable.name]: 'readWrite' },
      idempotency: true,
      conflictRetries: CONFLICT_RETRIES,
      processing: 'sequential',
      logger,
      handler: async (_event, { transaction }) =>
        increment(transaction, 'active_users', 'active users'),
    }),

    /** user.* → one more user for every user.created. */
    handleAnyUserEvent: defineEventHandler({
      name: 'handleAnyUserEvent',
      subscribe: 'user.*',
      tables: { [UserStatsTable.name]: 'readWrite' },
      idempotency: true,
      conflictRetries: CONFLICT_RETRIES,
      processing: 'sequential',
      logger,
      handler: async (event, { transaction }) => {
        if (event['detail-type'] !== UserCreated.eventType) return;
        // Only a well-formed user.created counts; a bad body fails here and ends in the DLQ.
        UserCreated.parse(event.detail);
        await increment(transaction, 'total_users', 'total users');
      },
    }),
  };
}

export type HandlerName = 'handleUserCreated' | 'handleUserActivated' | 'handleAnyUserEvent';

// Lambda entry points, built once per container. Each carries its declaration (subscription,
// tables, idempotency), which infra/app.ts deploys: nothing about a handler is written twice.
const handlers = createHandlers();
export const handleUserCreated = handlers.handleUserCreated;
export const handleUserActivated = handlers.handleUserActivated;
export const handleAnyUserEvent = handlers.handleAnyUserEvent;
