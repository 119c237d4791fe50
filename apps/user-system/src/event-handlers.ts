import {
  type DeclaredEventHandler,
  defineEventHandler,
  jsonLineLogger,
  type RuntimeLogger,
} from '@davinci/event-bus';
import { TableClient } from '@davinci/orm';
import { consoleEmailSender, type EmailSender } from './email.js';
import { UserActivated, UserCreated } from './events.js';
import { GLOBAL_STATS, UserStatsTable } from './tables.js';

export interface HandlerDependencies {
  /** Default: prints the email. */
  email?: EmailSender;
  /** Default: the runtime's JSON lines. */
  logger?: RuntimeLogger;
  /** Default: `console.log`; the welcome handler reports each email sent. */
  print?: (line: string) => void;
}

/**
 * The three handlers of the user system. Counters are updated atomically and idempotently: the
 * increment and a processed marker commit in one transaction, so a redelivered event never counts
 * twice (SQS delivers at least once).
 */
export function createHandlers(
  deps: HandlerDependencies = {},
): Record<HandlerName, DeclaredEventHandler> {
  const email = deps.email ?? consoleEmailSender;
  const logger = deps.logger ?? jsonLineLogger;
  const print = deps.print ?? console.log;
  const stats = new TableClient(UserStatsTable);

  return {
    /** user.created → the welcome email. */
    handleUserCreated: defineEventHandler({
      name: 'handleUserCreated',
      schema: UserCreated, // subscribes to user.created
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
      logger,
      handler: async (_event, { transaction }) => {
        transaction.add(
          stats.transaction.update(GLOBAL_STATS, {
            add: { active_users: 1 },
            set: { updated_at: new Date() },
          }),
        );
      },
    }),

    /** user.* → one more user for every user.created. */
    handleAnyUserEvent: defineEventHandler({
      name: 'handleAnyUserEvent',
      subscribe: 'user.*',
      tables: { [UserStatsTable.name]: 'readWrite' },
      idempotency: true,
      logger,
      handler: async (event, { transaction }) => {
        if (event['detail-type'] !== UserCreated.eventType) return;
        transaction.add(
          stats.transaction.update(GLOBAL_STATS, {
            add: { total_users: 1 },
            set: { updated_at: new Date() },
          }),
        );
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
